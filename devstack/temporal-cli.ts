import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const PROVISION_SCRIPT = path.resolve(__dirname, '..', 'scripts', 'temporal-cli.sh');

// Path of a working Temporal CLI, installed by scripts/temporal-cli.sh when missing.
export async function resolveTemporalCli(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('bash', [PROVISION_SCRIPT], { maxBuffer: 1 << 20 });
    const cliPath = stdout.trim().split('\n').pop() ?? '';
    if (cliPath === '') throw new Error('the script printed no path');
    return cliPath;
  } catch (err) {
    const detail = err instanceof Error && 'stderr' in err ? String(err.stderr) : String(err);
    throw new Error(`cannot provision the Temporal CLI (scripts/temporal-cli.sh):\n${detail}`);
  }
}
