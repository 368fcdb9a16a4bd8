import { REGION_ID_PATTERN, VOD_REGION_HOSTS } from '../../common/regions';

export const VOD_API_VERSION = '2017-03-21';

export interface EndpointOptions {
  /** The VPC endpoint (vod-vpc.<region>.aliyuncs.com) instead of the public one. */
  vpc?: boolean;
}

/**
 * The https endpoint of a region. A well-formed region missing from the table follows VOD's
 * documented pattern, so that a newly opened region works without a code change.
 */
export function vodEndpointForRegion(region: string, options: EndpointOptions = {}): string {
  if (!REGION_ID_PATTERN.test(region)) throw new Error(`not a region id: ${JSON.stringify(region)}`);
  const publicHost = VOD_REGION_HOSTS[region] ?? `vod.${region}.aliyuncs.com`;
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
