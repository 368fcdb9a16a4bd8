// Service regions and their public endpoints (reference §5.12). Calls cannot cross regions: each
// region has its own callback configuration, videos and jobs.
export const VOD_REGION_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  'cn-shanghai': 'vod.cn-shanghai.aliyuncs.com',
  'cn-beijing': 'vod.cn-beijing.aliyuncs.com',
  'cn-shenzhen': 'vod.cn-shenzhen.aliyuncs.com',
  'cn-hongkong': 'vod.cn-hongkong.aliyuncs.com',
  'ap-southeast-1': 'vod.ap-southeast-1.aliyuncs.com',
  'ap-southeast-5': 'vod.ap-southeast-5.aliyuncs.com',
  'ap-northeast-1': 'vod.ap-northeast-1.aliyuncs.com',
  'eu-central-1': 'vod.eu-central-1.aliyuncs.com',
  'us-west-1': 'vod.us-west-1.aliyuncs.com',
  'me-central-1': 'vod.me-central-1.aliyuncs.com',
  // Listed in 2021 only; current availability unconfirmed.
  'ap-south-1': 'vod.ap-south-1.aliyuncs.com',
  // The SDKs send cn-hangzhou to Shanghai.
  'cn-hangzhou': 'vod.cn-shanghai.aliyuncs.com',
});

export const VOD_API_VERSION = '2017-03-21';

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export interface EndpointOptions {
  /** The VPC endpoint (vod-vpc.<region>.aliyuncs.com) instead of the public one. */
  vpc?: boolean;
}

/**
 * The https endpoint of a region. A well-formed region missing from the table follows VOD's
 * documented pattern, so that a newly opened region works without a code change.
 */
export function vodEndpointForRegion(region: string, options: EndpointOptions = {}): string {
  if (!REGION_ID.test(region)) throw new Error(`not a region id: ${JSON.stringify(region)}`);
  const publicHost = VOD_REGION_ENDPOINTS[region] ?? `vod.${region}.aliyuncs.com`;
  const host = options.vpc ? publicHost.replace(/^vod\./, 'vod-vpc.') : publicHost;
  return `https://${host}`;
}

/** Checks an explicit endpoint (e.g. the emulator's http://127.0.0.1:PORT) and drops a trailing slash. */
export function normaliseEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`VOD endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`VOD endpoint must be http(s): ${JSON.stringify(endpoint)}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error('VOD endpoint must be a bare origin (no query, fragment or user info)');
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
