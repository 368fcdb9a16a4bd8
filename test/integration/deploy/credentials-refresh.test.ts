import { cloudClientsFromConfig } from '../../../clients/cloud-clients';
import { loadConfig } from '../../../common/config';
import { startCredentialsStandIn, type CredentialsStandIn } from '../../helpers/credentials-stand-in';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';

const CHAIN_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_CREDENTIALS_URI',
  'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  'ALIBABA_CLOUD_CONFIG_FILE',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_PROFILE',
];

// Without configured keys, the SMQ and VOD clients take them from Alibaba Cloud's default chain. Here
// the chain finds a local stand-in of the temporary-credentials endpoint whose keys are due for
// renewal two seconds after they are issued: the clients keep working on renewed keys.
describe('credentials from the default chain', () => {
  let standIn: CredentialsStandIn;
  let smq: RunningSmqEmulator;
  let vod: RunningVodEmulator;
  const saved = Object.fromEntries(CHAIN_VARIABLES.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    standIn = await startCredentialsStandIn(2);
    [smq, vod] = await Promise.all([
      // Each temporary key is accepted only with its own token.
      startSmqEmulator({ accessKeys: standIn.keys }),
      startVodEmulator({ accessKeys: standIn.keys }),
    ]);
    for (const name of CHAIN_VARIABLES) delete process.env[name];
    // Off this machine's metadata service (not on ECS), onto the stand-in.
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = standIn.url;
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await Promise.all([standIn?.close(), smq?.close(), vod?.close()]);
  });

  it('feeds both clients and renews short-lived keys before they expire', async () => {
    const config = loadConfig({ SMQ_ENDPOINT: smq.endpoint, VOD_ENDPOINT: vod.endpoint });
    expect(config.credentials).toBeUndefined();
    const clients = cloudClientsFromConfig(config);
    const queue = clients.smq('cn-shanghai', 'renewed-keys');
    const region = clients.vod('cn-shanghai');
    await queue.createQueue({ visibilityTimeout: 30 });

    // Bounded: at most 40 rounds of half a second, ending once four keys were handed out.
    for (let round = 0; round < 40 && standIn.issued() < 4; round++) {
      await queue.sendMessage(`round ${round}`);
      await region.getMessageCallback();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect(standIn.issued()).toBeGreaterThanOrEqual(4);
    const usedKeys = Object.keys((await smq.admin.stats()).accessKeys);
    expect(usedKeys.length).toBeGreaterThanOrEqual(3);
    expect(usedKeys.every((id) => id.startsWith('STS.stand-in-'))).toBe(true);
  }, 60_000);
});
