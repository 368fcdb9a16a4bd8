import { WorkflowUpdateFailedError } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { ConfigError, extraRegionsOf } from '../common/config';
import { regionProblem } from '../common/regions';
import { devCommand } from './dev-command';
import { doctorCommand } from './doctor-command';
import { RefusedError, UsageError } from './output';
import { quarantineDiscard, quarantineList, quarantineRedrive, quarantineShow } from './quarantine-commands';
import { withClient } from './temporal';
import { setupCommand } from './setup-command';
import { configureCallbackCommand, consume, emulator, worker } from './stack-commands';
import { sweepRun, sweepSchedule } from './sweep-commands';
import { cancel, list, retry, status } from './video-commands';

// The vodflow command line. Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage.

const HELP: Record<string, string> = {
  '': `usage: vodflow <command> [options]

commands:
  dev [--persist DIR] [--with-worker]        the local stack (Temporal, SMQ and VOD emulators) until Ctrl-C
  dev upload [--count N] [--title T]         upload test videos into the VOD emulator
  setup --region R --queue Q                 create the queue, point VOD's callback at it, register search attributes
  doctor [--region R --queue Q]              check the deployment: one line per check with the fix
  worker                                     run a vodflow worker (configuration from the environment)
  consume [--region R --queue Q] [--shards N]   start the queue consumers (idempotent)
  configure-callback --region R --queue Q [--events A,B] [--mns-endpoint URL]
                                             point VOD's event notifications at an SMQ queue
  emulator smq|vod [flags]                   run an emulator (--help lists its flags)
  status <videoId> [--json]                  one video's processing state
  list [--stage S] [--limit N] [--json]      videos, optionally in one stage
  retry <videoId> [--stage S]                one more attempt for a failed stage
  cancel <videoId> [--reason R]              stop follow-ups and close the video's workflow
  sweep schedule [--region R]                create or update the sweep Schedule (videos whose events were lost)
  sweep now [--region R] [--json]            one sweep now, and what it found
  quarantine list [--region R --queue Q] [--json]   poison messages waiting for a decision
  quarantine show <id> [--json]              one entry with its raw body and reason
  quarantine redrive <id> [--body-file F]    send it back to its queue (optionally corrected)
  quarantine discard <id> [--reason R]       drop it for good

Configuration comes from the environment and an optional .env (see .env.example).
Run \`vodflow <command> --help\` for a command's options.`,
  status: 'usage: vodflow status <videoId> [--json]',
  list: `usage: vodflow list [--stage S] [--limit N] [--json]   (default limit 50)`,
  retry: 'usage: vodflow retry <videoId> [--stage transcode|snapshot|aiAudit|aiTag|aiDna]',
  cancel: 'usage: vodflow cancel <videoId> [--reason R]',
  sweep: `usage: vodflow sweep schedule|now [--region R] [--json]   (default: every region of VODFLOW_QUEUES;
  interval, window and grace from VODFLOW_SWEEP_INTERVAL_MINUTES, _WINDOW_HOURS, _GRACE_MINUTES)`,
  quarantine:
    'usage: vodflow quarantine list|show|redrive|discard [<id>] [--json] [--body-file F] [--reason R]',
  setup: `usage: vodflow setup [--region R --queue Q]   (default: VODFLOW_QUEUES; idempotent)
  creates each queue with the poller's visibility timeout, points VOD's callback of its region at it,
  and registers vodflow's search attributes on a self-hosted Temporal`,
  doctor: `usage: vodflow doctor [--region R --queue Q]   (default: VODFLOW_QUEUES)
  Temporal, namespace, search attributes, queues, SMQ and VOD credentials, VOD callback, worker; exit 1 on any ✗`,
  worker: 'usage: vodflow worker   (configuration from the environment and .env; see .env.example)',
  consume:
    'usage: vodflow consume [--region R --queue Q] [--shards N]   (default: VODFLOW_QUEUES, VODFLOW_SHARDS)',
  'configure-callback':
    'usage: vodflow configure-callback --region R --queue Q [--events A,B] [--mns-endpoint URL]   (default events: ALL)',
  emulator: 'usage: vodflow emulator smq|vod [flags]   (vodflow emulator smq --help lists the flags)',
};

export async function runCli(argv: string[]): Promise<number> {
  // The emulators and the dev loop parse their own flags.
  if (argv[0] === 'emulator') return emulator(argv[1], argv.slice(2));
  if (argv[0] === 'dev') return devCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      stage: { type: 'string' },
      limit: { type: 'string', default: '50' },
      reason: { type: 'string' },
      'body-file': { type: 'string' },
      region: { type: 'string' },
      queue: { type: 'string' },
      shards: { type: 'string' },
      events: { type: 'string' },
      'mns-endpoint': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [command = '', ...rest] = positionals;
  if (values.region !== undefined) {
    const problem = regionProblem(values.region, extraRegionsOf(process.env.VODFLOW_EXTRA_REGIONS));
    if (problem) throw new UsageError(`--region: ${problem}`);
  }
  if (values.help || command === '' || !(command in HELP)) {
    console.log(HELP[command] ?? HELP['']);
    return values.help || command === '' ? 0 : 2;
  }
  const need = (index: number, what: string): string => {
    const value = rest[index];
    if (!value) throw new UsageError(`missing ${what}\n${HELP[command]}`);
    return value;
  };

  switch (command) {
    case 'setup':
      return setupCommand({ region: values.region, queue: values.queue });
    case 'doctor':
      return doctorCommand({ region: values.region, queue: values.queue });
    case 'worker':
      await worker();
      return 0;
    case 'consume':
      await consume({ region: values.region, queue: values.queue, shards: values.shards });
      return 0;
    case 'configure-callback':
      await configureCallbackCommand({
        region: values.region,
        queue: values.queue,
        events: values.events,
        mnsEndpoint: values['mns-endpoint'],
      });
      return 0;
  }

  await withClient(async (client, config) => {
    switch (command) {
      case 'sweep': {
        const action = need(0, 'action (schedule or now)');
        if (action === 'schedule') return sweepSchedule(client, config, values.region);
        if (action === 'now') return sweepRun(client, config, { region: values.region, json: values.json });
        throw new UsageError(`unknown sweep action ${action}\n${HELP.sweep}`);
      }
      case 'status':
        return status(client, need(0, 'video id'), values.json);
      case 'list': {
        const limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new UsageError('--limit must be a positive whole number');
        return list(client, { stage: values.stage, limit, json: values.json });
      }
      case 'retry':
        return retry(client, config, need(0, 'video id'), values.stage);
      case 'cancel':
        return cancel(client, config, need(0, 'video id'), values.reason);
      case 'quarantine': {
        const action = need(0, 'action (list, show, redrive or discard)');
        if (action === 'list') {
          return quarantineList(client, { json: values.json, region: values.region, queue: values.queue });
        }
        if (action === 'show') return quarantineShow(client, need(1, 'entry id'), values.json);
        if (action === 'redrive') return quarantineRedrive(client, need(1, 'entry id'), values['body-file']);
        if (action === 'discard') return quarantineDiscard(client, need(1, 'entry id'), values.reason);
        throw new UsageError(`unknown quarantine action ${action}\n${HELP.quarantine}`);
      }
    }
  });
  return 0;
}

export function explain(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: err.message, code: 2 };
  if (err instanceof ConfigError) return { message: err.message, code: 2 };
  if (err instanceof RefusedError) return { message: `refused: ${err.message}`, code: 1 };
  if (err instanceof WorkflowUpdateFailedError) {
    return { message: `refused: ${err.cause?.message ?? err.message}`, code: 1 };
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    return { message: `${err.message}\n${HELP['']}`, code: 2 };
  }
  return { message: err instanceof Error ? err.message : String(err), code: 1 };
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const { message, code } = explain(err);
      console.error(`vodflow: ${message}`);
      process.exit(code);
    },
  );
}
