import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig } from '../common/config';
import { DEV_QUEUE } from '../devstack/dev-settings';
import { completeEmulatedUpload } from '../devstack/vod-emulator-admin';
import { loadDotEnv } from '../starters/load-env';
import { UsageError } from './errors';

/** `vodflow dev upload`: test videos into the VOD emulator, each uploaded completely (its events follow). */
export async function devUpload(options: { count: number; title?: string }): Promise<number> {
  const { count } = options;
  loadDotEnv();
  const config = loadConfig();
  const endpoint = config.vod.endpoint;
  if (!endpoint) {
    throw new UsageError('dev upload needs the VOD emulator: set VOD_ENDPOINT (`vodflow dev` prints it)');
  }
  const region = config.queues[0]?.region ?? DEV_QUEUE.region;
  const vod = cloudClientsFromConfig(config).vod(region);
  for (let i = 1; i <= count; i++) {
    const title = options.title ?? `dev clip ${i}`;
    const { VideoId } = await vod.createUploadVideo({ Title: title, FileName: `dev-clip-${i}.mp4` });
    await completeEmulatedUpload(endpoint, VideoId);
    console.log(`uploaded ${VideoId}  ${title}`);
  }
  return 0;
}
