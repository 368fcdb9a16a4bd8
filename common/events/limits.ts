/** SMQ's largest message body (and the queue default VOD's FAQ says to keep): 64 KiB. */
export const SMQ_MAX_MESSAGE_BYTES = 65_536;

/** UserData.Extend limit documented by VOD. */
export const VOD_EXTEND_MAX_BYTES = 512;
