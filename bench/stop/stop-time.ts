import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SmqClient } from '../../clients/smq';
import { parsePollerOptions } from '../../common/poller-options';
import { startLocalStack } from '../../devstack/local-stack';
import { startConsumers } from '../../starters/start-consumers';

// How long an idle worker takes to stop on SIGTERM: the local stack, one consumer whose poller sits
// in a 10-second long poll on an empty queue, then SIGTERM to workers/main.ts and the time until the
// process has exited. `npm run bench:stop -- [trials]` (default 3).

const ROOT = path.resolve(__dirname, '..', '..');
const REGION = 'cn-shanghai';
const QUEUE = 'vod-events-stop';
const TASK_QUEUE = 'vodflow-stop';
// Each trial waits this long after the consumer's first receive, so that its poller is mid long-poll.
const SETTLE_MS = 3_000;
const MAX_WAIT_MS = 120_000;

async function main(): Promise<void> {
  const trials = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(trials) || trials < 1 || trials > 20) throw new Error('trials: 1..20');
  const stack = await startLocalStack();
  const children = new Set<ChildProcess>();
  try {
    const queue = new SmqClient(QUEUE, {
      accessKeyId: stack.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '',
      accessKeySecret: stack.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '',
      endpoint: stack.smq.url,
    });
    await queue.createQueue({ visibilityTimeout: 30 });
    const connection = await Connection.connect({ address: stack.temporal.address });
    const client = new Client({ connection, namespace: stack.temporal.namespace });
    const env = {
      ...process.env,
      ...stack.env,
      VODFLOW_QUEUES: `${REGION}:${QUEUE}`,
      VODFLOW_TASK_QUEUE: TASK_QUEUE,
      VODFLOW_POLL_WAIT_SECONDS: '10',
    };
    const figures: number[] = [];
    for (let trial = 1; trial <= trials; trial++) {
      const lines: string[] = [];
      const worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.add(worker);
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n')));
      await until(() => lines.some((line) => line.includes('"message":"running"')), 'the worker to run');
      const receivesBefore = await receiveCount(stack.smq.url);
      await startConsumers(client, {
        queues: [{ region: REGION, queue: QUEUE }],
        shards: 1,
        taskQueue: TASK_QUEUE,
        poller: parsePollerOptions({ waitSeconds: 10 }),
      });
      await until(async () => (await receiveCount(stack.smq.url)) > receivesBefore, 'a long poll');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const signalledAt = Date.now();
      worker.kill('SIGTERM');
      await exited;
      children.delete(worker);
      const seconds = (Date.now() - signalledAt) / 1000;
      figures.push(seconds);
      console.log(`trial ${trial}: exited ${seconds.toFixed(2)} s after SIGTERM`);
      for (const line of lines.filter((l) => /poller stop|shutting down|"stopped"/.test(l)))
        console.log(`  ${line}`);
    }
    const sorted = [...figures].sort((a, b) => a - b);
    console.log(
      `idle worker stop time over ${trials} trials: min ${sorted[0]?.toFixed(2)} s, ` +
        `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(2)} s, max ${sorted.at(-1)?.toFixed(2)} s`,
    );
    await connection.close();
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await stack.close();
  }
}

async function receiveCount(smqUrl: string): Promise<number> {
  const response = await fetch(`${smqUrl}/__admin/stats`);
  const stats = (await response.json()) as { requests: Record<string, number> };
  return stats.requests.BatchReceiveMessage ?? 0;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + MAX_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
