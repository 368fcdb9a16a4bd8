import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const VODFLOW_BIN = path.resolve(__dirname, '..', '..', 'bin', 'vodflow.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The vodflow command as a person runs it: a process, configured by the environment. */
export async function runVodflow(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [VODFLOW_BIN, ...args], {
      env: { ...process.env, ...env },
      cwd: path.dirname(VODFLOW_BIN),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
