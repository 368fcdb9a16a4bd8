import { Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eventually } from '../helpers/eventually';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'vodflow.js');

// `vodflow dev`: the local stack until Ctrl-C, with the settings that point vodflow at it.
describe('vodflow dev', () => {
  it('starts the stack, prints its settings, and stops everything on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'dev'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => expect(output).toContain('press Ctrl-C'), { timeoutMs: 90_000 });
      const address = /export TEMPORAL_ADDRESS=(\S+)/.exec(output)?.[1];
      expect(output).toMatch(/export SMQ_ENDPOINT=http:\/\/127\.0\.0\.1:\d+/);
      expect(output).toMatch(/export VOD_ENDPOINT=http:\/\/127\.0\.0\.1:\d+/);
      const connection = await Connection.connect({ address });
      await connection.close();

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await expect(Connection.connect({ address, connectTimeout: 1_000 })).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
