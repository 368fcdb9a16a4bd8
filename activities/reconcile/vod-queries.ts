import type { VodClient } from '../../clients/vod';

/** The read-only VOD calls reconciliation and the sweep make (on the rate-limited read task queue). */
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
