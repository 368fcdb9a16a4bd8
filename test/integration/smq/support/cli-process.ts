import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// Runs emulators/smq/main.ts as scripts do and waits for its one ready line.

const ROOT = join(__dirname, '..', '..', '..', '..');
// node with tsx's loader: one process, so that killing it kills the emulator (the tsx CLI would
// run the emulator in a second process that a SIGKILL leaves behind, holding jest's pipes open).
const NODE_WITH_TSX = ['--import', 'tsx'];
const MAIN = join(ROOT, 'emulators', 'smq', 'main.ts');

export interface CliProcess {
  child: ChildProcess;
  endpoint: string;
  output: () => string;
}

export function startCli(args: string[], timeoutMs = 30_000): Promise<CliProcess> {
  const child = spawn(process.execPath, [...NODE_WITH_TSX, MAIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stderr?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line within ${timeoutMs} ms; output: ${seen}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1], output: () => seen });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; output: ${seen}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [...NODE_WITH_TSX, MAIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}
