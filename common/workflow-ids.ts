// Workflow ids are the public contract between the poller, the starters and operators: build and
// parse them only here.

const VIDEO_PREFIX = 'video:';
const CONSUMER_PREFIX = 'smq-consumer:';
const QUARANTINE_PREFIX = 'quarantine:';
const SWEEP_PREFIX = 'sweep:';
const SWEEP_SCHEDULE_PREFIX = 'vodflow-sweep:';

// VOD ids are 32 hex characters; be tolerant of other id shapes VOD may introduce, but never of
// characters that would make the id ambiguous to parse.
const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,119}$/;

export function isValidVideoId(videoId: string): boolean {
  return VIDEO_ID_PATTERN.test(videoId);
}

export function videoWorkflowId(videoId: string): string {
  if (!isValidVideoId(videoId)) throw new Error(`not a valid VOD video id: ${JSON.stringify(videoId)}`);
  return `${VIDEO_PREFIX}${videoId}`;
}

/** The video id of a video workflow id, or undefined when the id is not one. */
export function videoIdFromWorkflowId(workflowId: string): string | undefined {
  if (!workflowId.startsWith(VIDEO_PREFIX)) return undefined;
  const videoId = workflowId.slice(VIDEO_PREFIX.length);
  return isValidVideoId(videoId) ? videoId : undefined;
}

export interface ConsumerRef {
  region: string;
  queue: string;
  shard: number;
}

export function consumerWorkflowId({ region, queue, shard }: ConsumerRef): string {
  if (!NAME_PATTERN.test(region)) throw new Error(`not a valid region: ${JSON.stringify(region)}`);
  if (!NAME_PATTERN.test(queue)) throw new Error(`not a valid SMQ queue name: ${JSON.stringify(queue)}`);
  if (!Number.isInteger(shard) || shard < 0) throw new Error(`not a valid shard number: ${shard}`);
  return `${CONSUMER_PREFIX}${region}:${queue}:${shard}`;
}

export function consumerFromWorkflowId(workflowId: string): ConsumerRef | undefined {
  if (!workflowId.startsWith(CONSUMER_PREFIX)) return undefined;
  const [region, queue, shardText, ...rest] = workflowId.slice(CONSUMER_PREFIX.length).split(':');
  if (rest.length > 0 || !region || !queue || !shardText || !/^\d+$/.test(shardText)) return undefined;
  return { region, queue, shard: Number(shardText) };
}

export interface QuarantineRef {
  region: string;
  queue: string;
  messageId: string;
}

export function quarantineWorkflowId({ region, queue, messageId }: QuarantineRef): string {
  return `${QUARANTINE_PREFIX}${region}:${queue}:${messageId}`;
}

export function quarantineFromWorkflowId(workflowId: string): QuarantineRef | undefined {
  if (!workflowId.startsWith(QUARANTINE_PREFIX)) return undefined;
  const [region, queue, ...messageIdParts] = workflowId.slice(QUARANTINE_PREFIX.length).split(':');
  const messageId = messageIdParts.join(':');
  if (!region || !queue || !messageId) return undefined;
  return { region, queue, messageId };
}

function checkedRegion(region: string): string {
  if (!NAME_PATTERN.test(region)) throw new Error(`not a valid region: ${JSON.stringify(region)}`);
  return region;
}

/** The Schedule that sweeps one region for videos without a workflow. */
export function sweepScheduleId(region: string): string {
  return `${SWEEP_SCHEDULE_PREFIX}${checkedRegion(region)}`;
}

/** The workflow id of one region's sweeps (the Schedule appends the start time). */
export function sweepWorkflowId(region: string): string {
  return `${SWEEP_PREFIX}${checkedRegion(region)}`;
}

export const QUARANTINE_WORKFLOW_ID_PREFIX = QUARANTINE_PREFIX;
export const VIDEO_WORKFLOW_ID_PREFIX = VIDEO_PREFIX;
