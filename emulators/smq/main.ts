import { parseArgs } from 'node:util';
import { exitOnStartFailure, numberFlag, portFlag } from '../common/cli-flags';
import { DEFAULT_ACCESS_KEY } from '../common/default-credentials';
import { announceAndStopOnSignals, listen } from '../common/serve';
import { buildSmqEmulator } from './app';
import type { SmqFaults } from './faults';
import type { SmqAccessKey } from './protocol/authenticate';

const HELP = `SMQ (MNS) emulator: the queue API of Alibaba Cloud SMQ for the @alicloud/mns SDK.

Usage: tsx emulators/smq/main.ts --port <p> [options]

  --port N                    port to listen on (0 picks a free one)           [required]
  --host H                    address to bind                                   [127.0.0.1]
  --access-key-id ID          accepted key pair; repeat both flags for more     [local default]
  --access-key-secret S
  --security-token T          makes the (first) key an STS key needing this token
  --data-dir DIR              keep every message, handle and visibility in DIR  [in memory]
  --fsync always|interval     journal fsync policy with --data-dir              [interval]
  --seed N                    seed of the fault dice                            [1]
  --latency-ms N              added latency per request                        [0]
  --jitter-ms N               plus a random 0..N ms                            [0]
  --error-rate R              chance of an injected error answer                [0]
  --error-kind K              InternalError | ServiceUnavailable | mixed        [InternalError]
  --drop-rate R               chance the connection is destroyed after the request took effect
  --duplicate-rate R          chance a received message is delivered again to the next receiver
  --reorder-rate R            chance a received batch is shuffled
  --fault-operations A,B      only these operations or groups (send, receive, delete, peek,
                              visibility, queue) get faults                     [all]
  --help

Admin (loopback only): GET /__admin/queues, GET /__admin/queues/<q>/messages, GET /__admin/stats,
GET|PUT|DELETE /__admin/faults.
`;

function accessKeys(ids: string[], secrets: string[], token: string | undefined): SmqAccessKey[] {
  if (ids.length !== secrets.length)
    throw new RangeError('give --access-key-id and --access-key-secret in pairs');
  const keys = ids.map((accessKeyId, i) => ({ accessKeyId, accessKeySecret: secrets[i] }));
  const list: SmqAccessKey[] = keys.length > 0 ? keys : [DEFAULT_ACCESS_KEY];
  if (token !== undefined) list[0] = { ...list[0], securityToken: token };
  return list;
}

async function main(): Promise<void> {
  const str = { type: 'string' } as const;
  const { values } = parseArgs({
    options: {
      port: str,
      host: { type: 'string', default: '127.0.0.1' },
      'access-key-id': { type: 'string', multiple: true, default: [] },
      'access-key-secret': { type: 'string', multiple: true, default: [] },
      'security-token': str,
      'data-dir': str,
      fsync: { type: 'string', default: 'interval' },
      seed: str,
      'latency-ms': str,
      'jitter-ms': str,
      'error-rate': str,
      'error-kind': str,
      'drop-rate': str,
      'duplicate-rate': str,
      'reorder-rate': str,
      'fault-operations': str,
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = portFlag(values.port);
  if (values.fsync !== 'always' && values.fsync !== 'interval')
    throw new RangeError('--fsync must be always or interval');
  const faultFlags: Partial<SmqFaults> = {
    latencyMs: numberFlag(values['latency-ms'], 'latency-ms'),
    jitterMs: numberFlag(values['jitter-ms'], 'jitter-ms'),
    errorRate: numberFlag(values['error-rate'], 'error-rate'),
    errorKind: values['error-kind'] as SmqFaults['errorKind'] | undefined,
    dropRate: numberFlag(values['drop-rate'], 'drop-rate'),
    duplicateRate: numberFlag(values['duplicate-rate'], 'duplicate-rate'),
    reorderRate: numberFlag(values['reorder-rate'], 'reorder-rate'),
    operations: values['fault-operations']?.split(',').filter(Boolean),
  };
  const faults = Object.fromEntries(
    Object.entries(faultFlags).filter(([, value]) => value !== undefined),
  ) as Partial<SmqFaults>;

  const emulator = buildSmqEmulator({
    accessKeys: accessKeys(values['access-key-id'], values['access-key-secret'], values['security-token']),
    dataDir: values['data-dir'],
    fsync: values.fsync,
    seed: numberFlag(values.seed, 'seed'),
    faults,
  });
  const listening = await listen(emulator.server, port, values.host);
  announceAndStopOnSignals('SMQ emulator', listening, () => emulator.stop());
}

main().catch(exitOnStartFailure);
