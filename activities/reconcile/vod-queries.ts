import type { VodClient } from '../../clients/vod';

/** The read-only VOD calls reconciliation and the sweep make (each goes through the rate limit). */
export type VodQueries = Pick<
  VodClient,
  | 'getVideoInfo'
  | 'getVideoList'
  | 'getTranscodeTask'
  | 'listTranscodeTask'
  | 'listSnapshots'
  | 'getAIMediaAuditJob'
  | 'listAIJob'
>;

const QUERY_NAMES = [
  'getVideoInfo',
  'getVideoList',
  'getTranscodeTask',
  'listTranscodeTask',
  'listSnapshots',
  'getAIMediaAuditJob',
  'listAIJob',
] as const satisfies readonly (keyof VodQueries)[];

/**
 * The same queries, each waiting for `acquire()` first: one VOD account's query budget (reference
 * §7) is shared by every video of a region, so calls queue here rather than draw Throttling.User.
 */
export function rateLimitedQueries(vod: VodQueries, acquire: () => Promise<void>): VodQueries {
  const limited: Partial<Record<keyof VodQueries, unknown>> = {};
  for (const name of QUERY_NAMES) {
    const call = vod[name] as (params: never) => Promise<unknown>;
    limited[name] = async (params: never) => {
      await acquire();
      return call(params);
    };
  }
  return limited as VodQueries;
}
