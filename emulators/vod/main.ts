import { parseArgs } from 'node:util';
import { exitOnStartFailure, numberFlag, portFlag } from '../common/cli-flags';
import { announceAndStopOnSignals, listen } from '../common/serve';
import { DEFAULT_ACCESS_KEY } from '../common/default-credentials';
import { buildVodEmulator } from './app';
import { mergeFaults, NO_FAULTS } from './engine/faults';

const HELP = `VOD emulator: VOD's RPC API (signature v1) with events written to SMQ.

Usage: tsx emulators/vod/main.ts --port <p> --smq-endpoint <url> [options]

  --port N                   port to listen on (0 picks a free one)          [required]
  --host H                   address to bind                                  [127.0.0.1]
  --region ID                region of requests that carry no RegionId        [cn-shanghai]
  --smq-endpoint URL         SMQ endpoint events are written to when the configured
                             MnsEndpoint is not a loopback address
  --access-key-id ID         key callers sign API requests with               [local default]
  --access-key-secret S
  --smq-access-key-id ID     key used to write into SMQ                       [local default]
  --smq-access-key-secret S
  --event-encoding E         base64 | json (SMQ message body)                 [base64]
  --seed N                   seed of the fault dice                           [1]
  --retry-interval-ms N      pause between delivery attempts                  [1000]
  --upload-auto-complete-ms N  uploads complete by themselves after N ms     [manual only]
  --stream-ms N / --snapshot-ms N / --ai-ms N   simulated job durations      [20 / 30 / 30]
  --job-failure-rate R, --duplicate-rate R, --reorder-rate R, --drop-rate R, --throttle-rate R
                             fault rates in [0, 1]                            [0]
  --drop-event-types A,B     event types always dropped
  --throttle-status 400|503  status of throttled answers                      [400]
  --template-groups A,B      transcoding template groups that exist (others are
                             NoSuchResource; VOD_NO_TRANSCODE always exists)  [any id exists]
  --help
`;

async function main(): Promise<void> {
  const str = { type: 'string' } as const;
  const { values } = parseArgs({
    options: {
      port: str,
      host: { type: 'string', default: '127.0.0.1' },
      'smq-endpoint': str,
      region: str,
      'access-key-id': str,
      'access-key-secret': str,
      'smq-access-key-id': str,
      'smq-access-key-secret': str,
      'event-encoding': { type: 'string', default: 'base64' },
      seed: str,
      'retry-interval-ms': str,
      'upload-auto-complete-ms': str,
      'stream-ms': str,
      'snapshot-ms': str,
      'ai-ms': str,
      'job-failure-rate': str,
      'duplicate-rate': str,
      'reorder-rate': str,
      'drop-rate': str,
      'throttle-rate': str,
      'drop-event-types': str,
      'throttle-status': str,
      'template-groups': str,
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = portFlag(values.port);
  const encoding = values['event-encoding'];
  if (encoding !== 'base64' && encoding !== 'json')
    throw new RangeError('--event-encoding must be base64 or json');

  const faultFlags: Record<string, unknown> = {
    jobFailureRate: numberFlag(values['job-failure-rate'], 'job-failure-rate'),
    duplicateRate: numberFlag(values['duplicate-rate'], 'duplicate-rate'),
    reorderRate: numberFlag(values['reorder-rate'], 'reorder-rate'),
    dropRate: numberFlag(values['drop-rate'], 'drop-rate'),
    throttleRate: numberFlag(values['throttle-rate'], 'throttle-rate'),
    throttleStatus: numberFlag(values['throttle-status'], 'throttle-status'),
    dropEventTypes: values['drop-event-types']?.split(',').filter(Boolean),
  };
  const faults = mergeFaults(
    NO_FAULTS,
    Object.fromEntries(Object.entries(faultFlags).filter(([, value]) => value !== undefined)),
  );

  const emulator = buildVodEmulator({
    accessKeys: [
      {
        accessKeyId: values['access-key-id'] ?? DEFAULT_ACCESS_KEY.accessKeyId,
        accessKeySecret: values['access-key-secret'] ?? DEFAULT_ACCESS_KEY.accessKeySecret,
      },
    ],
    smqCredentials: {
      accessKeyId: values['smq-access-key-id'] ?? DEFAULT_ACCESS_KEY.accessKeyId,
      accessKeySecret: values['smq-access-key-secret'] ?? DEFAULT_ACCESS_KEY.accessKeySecret,
    },
    smqEndpoint: values['smq-endpoint'],
    regionId: values.region,
    encoding,
    seed: numberFlag(values.seed, 'seed'),
    templateGroupIds: values['template-groups']?.split(',').filter(Boolean),
    faults,
    retry:
      values['retry-interval-ms'] === undefined
        ? {}
        : { intervalMs: numberFlag(values['retry-interval-ms'], 'retry-interval-ms') },
    durations: Object.fromEntries(
      Object.entries({
        uploadAutoCompleteMs: numberFlag(values['upload-auto-complete-ms'], 'upload-auto-complete-ms'),
        transcodeStreamMs: numberFlag(values['stream-ms'], 'stream-ms'),
        snapshotMs: numberFlag(values['snapshot-ms'], 'snapshot-ms'),
        auditMs: numberFlag(values['ai-ms'], 'ai-ms'),
        aiJobMs: numberFlag(values['ai-ms'], 'ai-ms'),
      }).filter(([, value]) => value !== undefined),
    ),
  });
  const listening = await listen(emulator.server, port, values.host);
  announceAndStopOnSignals('vod emulator', listening, () => emulator.stop());
}

main().catch(exitOnStartFailure);
