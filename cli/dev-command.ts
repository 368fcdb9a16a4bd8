import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig } from '../common/config';
import { choosePorts } from '../devstack/dev-ports';
import { DEV_QUEUE, devSettings, settingLines } from '../devstack/dev-settings';
import { startDevWorker, type DevWorker } from '../devstack/dev-worker';
import { startLocalStack } from '../devstack/local-stack';
import { ensureCallback, ensureQueue } from '../starters/setup';
import { devUpload } from './dev-upload-command';
import { UsageError } from './output';

export const DEV_HELP = `usage: vodflow dev [--persist DIR] [--with-worker] [--write-env FILE]
       vodflow dev upload [--count N] [--title T]

  The local stack (Temporal dev server with its Web UI, SMQ and VOD emulators) until Ctrl-C, on the
  ports of .env.example (another free one, with a note, for each that is taken). It creates the queue
  ${DEV_QUEUE.region}:${DEV_QUEUE.queue}, points the emulated VOD's callback at it, and prints the settings that point
  vodflow at the stack.

  --persist DIR     keep Temporal's workflows (SQLite) and the queue's messages in DIR across runs
  --with-worker     also run a worker and the queue consumers in this process
  --write-env FILE   also write the settings to FILE (a .env for vodflow)

  upload            uploads test videos into the VOD emulator (settings from the environment / .env):
  --count N         how many (default 1, at most 100)
  --title T         their title (default "dev clip <n>")`;

/** `vodflow dev [...]` and `vodflow dev upload [...]`, with their own flags. */
export async function devCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      persist: { type: 'string' },
      'with-worker': { type: 'boolean', default: false },
      'write-env': { type: 'string' },
      count: { type: 'string', default: '1' },
      title: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(DEV_HELP);
    return 0;
  }
  const [action] = positionals;
  if (action === 'upload') return devUpload({ count: values.count, title: values.title });
  if (action !== undefined) throw new UsageError(`unknown dev action ${action}\n${DEV_HELP}`);
  await runDevStack({
    persistDir: values.persist && path.resolve(values.persist),
    withWorker: values['with-worker'],
    envFile: values['write-env'],
  });
  return 0;
}

async function runDevStack(options: {
  persistDir?: string;
  withWorker: boolean;
  envFile?: string;
}): Promise<void> {
  const { ports, notes } = await choosePorts();
  for (const note of notes) console.log(`note: ${note}`);
  if (options.persistDir) mkdirSync(path.join(options.persistDir, 'smq'), { recursive: true });
  const stack = await startLocalStack({
    ui: true,
    ports,
    dbFilename: options.persistDir && path.join(options.persistDir, 'temporal.db'),
    smqArgs: options.persistDir ? ['--data-dir', path.join(options.persistDir, 'smq')] : [],
  });
  let worker: DevWorker | undefined;
  try {
    const settings = devSettings(stack);
    const config = loadConfig(settings);
    const clients = cloudClientsFromConfig(config);
    for (const step of [
      await ensureQueue(clients, DEV_QUEUE, config.poller.visibilityTimeoutSeconds),
      await ensureCallback(clients, DEV_QUEUE),
    ])
      console.log(`✓ ${step.what}: ${step.detail}`);
    if (options.withWorker) {
      console.log('starting a worker and the consumers…');
      worker = await startDevWorker(config);
      console.log(
        `✓ worker on task queue ${config.temporal.taskQueue}; consumers ${worker.consumers.join(', ')}`,
      );
    }
    console.log(`Temporal Web UI: ${stack.temporal.uiUrl}`);
    if (options.persistDir) console.log(`persisting in ${options.persistDir}`);
    if (options.envFile) {
      writeFileSync(options.envFile, `${settingLines(settings, '').join('\n')}\n`);
      console.log(`settings written to ${options.envFile}`);
    }
    console.log('# point vodflow at this stack:');
    for (const line of settingLines(settings)) console.log(line);
    console.log('press Ctrl-C to stop');
    // `on`, not `once`: from a terminal, Ctrl-C reaches this process twice (directly and forwarded
    // by bin/vodflow.js), and the second must not interrupt the shutdown.
    await new Promise<void>((resolve) => {
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
  } finally {
    await worker?.stop();
    await stack.close();
  }
}
