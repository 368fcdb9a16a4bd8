// Protocol limits of the VOD RPC API as the emulator enforces them.
export const VOD_API_VERSION = '2017-03-21';
/** Requests whose Timestamp differs from the server's clock by more than this are refused. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
/** Nonces are remembered at least as long as a request carrying them could still be accepted. */
export const NONCE_MEMORY_MS = 2 * TIMESTAMP_WINDOW_MS;
/** Hard cap on remembered nonces so that a flood cannot grow memory without bound. */
export const MAX_REMEMBERED_NONCES = 200_000;
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
export const DEFAULT_APP_ID = 'app-1000000';
export const DEFAULT_REGION_ID = 'cn-shanghai';
export const MAX_CALLBACK_URL_BYTES = 256;
export const MAX_EXTEND_BYTES = 512;
export const MAX_TRANSCODE_JOB_IDS = 10;
export const MAX_LIST_TRANSCODE_PAGE_SIZE = 50;
export const MAX_LIST_SNAPSHOTS_PAGE_SIZE = 100;
export const MAX_DELETE_VIDEO_IDS = 20;
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
export const MAX_VIDEO_LIST_PAGE_SIZE = 100;
/** GetVideoList pages through the first 5,000 matches only: PageNo × PageSize beyond is refused. */
export const MAX_VIDEO_LIST_RESULTS = 5_000;
export const MAX_AI_JOB_IDS = 10;
export const MAX_TRANSCODE_SUMMARY_VIDEO_IDS = 10;
