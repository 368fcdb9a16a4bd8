import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig } from '../common/config';
import { choosePorts } from '../devstack/dev-ports';
import { DEV_QUEUE, devSettings, settingLines } from '../devstack/dev-settings';
import { startDevWorker, type DevWorker } from '../devstack/dev-worker';
import { startLocalStack } from '../devstack/local-stack';
import { ensureCallback, ensureQueue } from '../starters/setup';
import { InvalidArgumentError, type Command } from 'commander';
import { devUpload } from './dev-upload-command';
import { wholeNumber } from './global-options';

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

export function registerDevCommand(program: Command): void {
  const dev = program
    .command('dev')
    .summary('the local stack until Ctrl-C (dev upload: test videos into it)')
    .description(
      `the local stack (Temporal with its Web UI, SMQ and VOD emulators) until Ctrl-C, on the ports of ` +
        `.env.example (another free one, with a note, when taken); creates ${DEV_QUEUE.region}:${DEV_QUEUE.queue}, ` +
        `points the emulated VOD's callback at it, and prints the settings that point vodflow at the stack`,
    )
    .option(
      '--persist <dir>',
      "keep Temporal's workflows (SQLite) and the queue's messages in this folder across runs",
    )
    .option('--with-worker', 'also run a worker and the queue consumers in this process')
    .option('--write-env <file>', 'also write the settings to this file (a .env for vodflow)')
    .action((options: { persist?: string; withWorker?: boolean; writeEnv?: string }) =>
      runDevStack({
        persistDir: options.persist && path.resolve(options.persist),
        withWorker: options.withWorker === true,
        envFile: options.writeEnv,
      }),
    );
  dev
    .command('upload')
    .description('upload test videos into the VOD emulator (settings from the environment / .env)')
    .option('--count <n>', 'how many, 1..100', wholeNumber(1, 100), 1)
    .option('--title <title>', 'their title (default "dev clip <n>")', (value: string) => {
      if (value.trim() === '') throw new InvalidArgumentError('a title must not be empty');
      return value;
    })
    .action(async (options: { count: number; title?: string }) => {
      process.exitCode = await devUpload(options);
    });
}
