import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';

// Runs one language's conformance process against fresh emulators and reads its report: one line
// per check ("ok   name" or "FAIL name: why") and a last "<language>: N passed, N failed" line.

export const TEMPLATE_GROUP_ID = 'conformance-template-group';

export interface SuiteRun {
  exitCode: number;
  passed: string[];
  failed: string[];
  summary: string;
  output: string;
}

export interface ConformanceStack {
  smq: RunningSmqEmulator;
  vod: RunningVodEmulator;
  close(): Promise<void>;
}

export async function startConformanceStack(): Promise<ConformanceStack> {
  const smq = await startSmqEmulator();
  const vod = await startVodEmulator({
    smqEndpoint: smq.endpoint,
    templateGroupIds: [TEMPLATE_GROUP_ID],
    retry: { intervalMs: 100 },
  });
  return {
    smq,
    vod,
    close: async () => {
      await vod.close();
      await smq.close();
    },
  };
}

/** Fails with the way to install it when a tool the suite needs is not there yet. */
export function requireInstalled(path: string, installedBy: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`make test\` (it runs ${installedBy})`);
}

export function runSuite(
  command: string,
  args: string[],
  stack: ConformanceStack,
  extraEnv: Record<string, string> = {},
): Promise<SuiteRun> {
  const env = {
    ...process.env,
    ...extraEnv,
    SMQ_ENDPOINT: stack.smq.endpoint,
    VOD_ENDPOINT: stack.vod.endpoint,
    ACCESS_KEY_ID: stack.smq.accessKeyId,
    ACCESS_KEY_SECRET: stack.smq.accessKeySecret,
    TEMPLATE_GROUP_ID,
    PYTHONDONTWRITEBYTECODE: '1',
  };
  return new Promise((resolve) => {
    // Asynchronous on purpose: the emulators answer from this very process.
    execFile(
      command,
      args,
      { env, timeout: 120_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const lines = stdout.split('\n').filter((line) => line.trim() !== '');
        resolve({
          exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          passed: lines.filter((line) => line.startsWith('ok ')).map((line) => line.slice(3).trim()),
          failed: lines.filter((line) => line.startsWith('FAIL ')),
          summary: lines.at(-1) ?? '',
          output: `${stdout}\n${stderr}`,
        });
      },
    );
  });
}
