import { parseArgs } from 'node:util';
import { MnsClient, type MnsFields, type MnsSdkClient } from '../../clients/smq/mns-sdk';
import { DEFAULT_ACCESS_KEY } from '../../emulators/common/default-credentials';
import { listen } from '../../emulators/common/serve';
import { buildSmqEmulator } from '../../emulators/smq/app';

// SMQ emulator throughput through the official SDK with batch operations (16 per request):
// messages/s for send and for receive+delete, and request latency percentiles, at several
// concurrencies. Bounded by --messages per run and --phase-timeout-s per phase.

const HELP = `Usage: tsx bench/smq/bench.ts [--messages N] [--concurrency 1,8,32] [--phase-timeout-s S] [--json]
  --messages N          messages per concurrency level (rounded up to batches of 16)  [8000]
  --concurrency LIST    concurrent SDK callers                                       [1,8,32]
  --phase-timeout-s S   stop a phase after S seconds                                 [60]
  --json                print one JSON line instead of the table
`;

const BATCH = 16;
const MAX_MESSAGES = 200_000;

interface PhaseResult {
  messages: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

interface LevelResult {
  concurrency: number;
  send: PhaseResult;
  receiveDelete: PhaseResult;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarize(messages: number, startedAt: number, latencies: number[]): PhaseResult {
  const seconds = (performance.now() - startedAt) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    messages,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(messages / seconds),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    requests: latencies.length,
  };
}

async function timedCall<T>(latencies: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    latencies.push(performance.now() - started);
  }
}

async function sendPhase(
  sdk: MnsSdkClient,
  queue: string,
  batches: number,
  concurrency: number,
  deadline: number,
) {
  const latencies: number[] = [];
  let next = 0;
  let sent = 0;
  const startedAt = performance.now();
  const worker = async (): Promise<void> => {
    while (next < batches && Date.now() < deadline) {
      const batch = next++;
      const items = Array.from({ length: BATCH }, (_, i) => ({
        MessageBody: `{"batch":${batch},"item":${i}}`,
      }));
      const answer = await timedCall(latencies, () => sdk.batchSendMessage(queue, items));
      sent += answer.body.filter((item) => item.MessageId).length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(sent, startedAt, latencies);
}

async function receiveDeletePhase(
  sdk: MnsSdkClient,
  queue: string,
  total: number,
  concurrency: number,
  deadline: number,
) {
  const latencies: number[] = [];
  let done = 0;
  // Received but maybe not yet deleted: with a long visibility timeout nothing comes back, so once
  // every message is claimed the workers stop instead of long-polling an empty queue.
  let claimed = 0;
  const startedAt = performance.now();
  const worker = async (): Promise<void> => {
    while (claimed < total && Date.now() < deadline) {
      let received: MnsFields[];
      try {
        received = (await timedCall(latencies, () => sdk.batchReceiveMessage(queue, BATCH, 1))).body;
      } catch (error) {
        if ((error as Error).name === 'MNSMessageNotExistError') continue;
        throw error;
      }
      claimed += received.length;
      const answer = await timedCall(latencies, () =>
        sdk.batchDeleteMessage(
          queue,
          received.map((m) => m.ReceiptHandle),
        ),
      );
      done += received.length - (Array.isArray(answer.body) ? answer.body.length : 0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(done, startedAt, latencies);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '8000' },
      concurrency: { type: 'string', default: '1,8,32' },
      'phase-timeout-s': { type: 'string', default: '60' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const messages = Math.min(MAX_MESSAGES, Math.max(BATCH, Number(values.messages)));
  const batches = Math.ceil(messages / BATCH);
  const levels = values.concurrency
    .split(',')
    .map(Number)
    .filter((n) => n >= 1 && n <= 256);
  const phaseTimeoutMs = Number(values['phase-timeout-s']) * 1000;

  const emulator = buildSmqEmulator();
  const listening = await listen(emulator.server, 0, '127.0.0.1');
  const sdk = new MnsClient('bench', { endpoint: listening.url, ...DEFAULT_ACCESS_KEY });
  const results: LevelResult[] = [];
  try {
    for (const concurrency of levels) {
      const queue = `bench-c${concurrency}`;
      await sdk.createQueue(queue, { VisibilityTimeout: 60 });
      const send = await sendPhase(sdk, queue, batches, concurrency, Date.now() + phaseTimeoutMs);
      const receiveDelete = await receiveDeletePhase(
        sdk,
        queue,
        send.messages,
        concurrency,
        Date.now() + phaseTimeoutMs,
      );
      results.push({ concurrency, send, receiveDelete });
    }
  } finally {
    await emulator.stop();
    await listening.close();
  }

  if (values.json) {
    console.log(JSON.stringify({ bench: 'smq', batch: BATCH, node: process.version, results }));
    return;
  }
  console.log(`SMQ emulator via @alicloud/mns, batches of ${BATCH}, ${batches * BATCH} messages per level`);
  console.log('conc | send msg/s | send p50/p99 ms | recv+del msg/s | recv+del p50/p99 ms | moved');
  for (const r of results)
    console.log(
      [
        String(r.concurrency).padStart(4),
        String(r.send.perSecond).padStart(10),
        `${r.send.p50Ms}/${r.send.p99Ms}`.padStart(15),
        String(r.receiveDelete.perSecond).padStart(14),
        `${r.receiveDelete.p50Ms}/${r.receiveDelete.p99Ms}`.padStart(19),
        `${r.send.messages}/${r.receiveDelete.messages}`,
      ].join(' | '),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
