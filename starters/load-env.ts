import { existsSync } from 'node:fs';
import path from 'node:path';

// Entry points read an optional .env from the working directory; real environment variables win.
export function loadDotEnv(file = path.resolve(process.cwd(), '.env')): void {
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}
