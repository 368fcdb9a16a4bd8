import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SmqAdminClient } from '../../../clients/smq/admin-client';
import { SmqClient } from '../../../clients/smq/smq-client';
import { DEFAULT_ACCESS_KEY } from '../../../emulators/common/default-credentials';
import { exited, runToEnd, startCli, type CliProcess } from './support/cli-process';

// The CLI as a child process: --help, the ready line, SIGTERM, and --data-dir surviving kill -9.

let dataDir: string;
const running: CliProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'smq-cli-'));
});
afterEach(async () => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await exited(cli.child);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<CliProcess> {
  const cli = await startCli(args);
  running.push(cli);
  return cli;
}

function client(endpoint: string, queue: string): SmqClient {
  return new SmqClient(queue, { endpoint, ...DEFAULT_ACCESS_KEY });
}

describe('emulators/smq/main.ts', () => {
  test('--help lists the flags', async () => {
    const { code, stdout } = await runToEnd(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--port',
      '--data-dir',
      '--seed',
      '--error-rate',
      '--duplicate-rate',
      '--fault-operations',
    ])
      expect(stdout).toContain(flag);
  });

  test('--port 0 prints one ready line and SIGTERM stops it cleanly', async () => {
    const cli = await start(['--port', '0']);
    expect(cli.output().match(/listening on/g)).toHaveLength(1);
    expect(await client(cli.endpoint, 'cli-q').createQueue()).toBe('created');
    cli.child.kill('SIGTERM');
    expect(await exited(cli.child)).toEqual({ code: 0, signal: null });
  });

  test('with --data-dir, kill -9 loses no message, handle or visibility state', async () => {
    const first = await start(['--port', '0', '--data-dir', dataDir]);
    const queue = client(first.endpoint, 'durable');
    await queue.createQueue({ visibilityTimeout: 600 });
    await queue.sendMessage('deleted');
    const [toDelete] = await queue.receiveMessages(1, 0);
    await queue.deleteMessage(toDelete.receiptHandle);
    await queue.sendMessages([
      'visible-1',
      'visible-2',
      { body: 'inflight', priority: 1 },
      { body: 'delayed', delaySeconds: 600 },
    ]);
    const [inflight] = await queue.receiveMessages(1, 0);
    expect(inflight.body).toBe('inflight');
    const before = await new SmqAdminClient(first.endpoint).messages('durable');

    first.child.kill('SIGKILL');
    expect((await exited(first.child)).signal).toBe('SIGKILL');

    const second = await start(['--port', '0', '--data-dir', dataDir]);
    const after = await new SmqAdminClient(second.endpoint).messages('durable');
    const summary = (list: typeof before) =>
      list
        .map((m) => ({
          id: m.messageId,
          state: m.state,
          count: m.dequeueCount,
          handle: m.receiptHandle,
          at: m.visibleAt,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(summary(after)).toEqual(summary(before));
    expect(after.map((m) => m.body).sort()).toEqual(['delayed', 'inflight', 'visible-1', 'visible-2']);

    const again = client(second.endpoint, 'durable');
    const attributes = await again.getAttributes();
    expect(attributes).toMatchObject({
      visibilityTimeout: 600,
      activeMessages: 2,
      inactiveMessages: 1,
      delayMessages: 1,
    });
    // The handle issued before the crash still works after it.
    await again.deleteMessage(inflight.receiptHandle);
    expect((await again.receiveMessages(16, 0)).map((m) => m.body).sort()).toEqual([
      'visible-1',
      'visible-2',
    ]);
  });
});
