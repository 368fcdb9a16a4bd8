import { isUnknownVodEvent, type DecodedEvent, type VodEventType } from './vod-event';

export type EventOutcome = 'success' | 'failure' | 'none';

interface StatusVocabulary {
  success: readonly string[];
  failure: readonly string[];
}

const LOWER_CASE: StatusVocabulary = { success: ['success'], failure: ['fail'] };
const CAPITALISED: StatusVocabulary = { success: ['Success'], failure: ['Failed'] };
const WORKFLOW: StatusVocabulary = { success: ['Succeed'], failure: ['Failed'] };

// Each event's documented Status vocabulary; all others use success / fail.
const VOCABULARY_BY_TYPE: Partial<Record<VodEventType, StatusVocabulary>> = {
  UpdateMediaStorageClassComplete: CAPITALISED,
  RestoreMediaComplete: CAPITALISED,
  WorkflowTaskComplete: WORKFLOW,
};

// Spellings outside an event's documented vocabulary are still read, case-insensitively, so that
// a vocabulary change at VOD does not turn failures into 'none'.
const ANY_SUCCESS = new Set(['success', 'succeed', 'succeeded', 'successful', 'ok']);
const ANY_FAILURE = new Set(['fail', 'failed', 'failure', 'error']);

export function outcomeOfStatus(status: unknown, vocabulary: StatusVocabulary = LOWER_CASE): EventOutcome {
  if (typeof status !== 'string') return 'none';
  if (vocabulary.success.includes(status)) return 'success';
  if (vocabulary.failure.includes(status)) return 'failure';
  const lower = status.trim().toLowerCase();
  if (ANY_SUCCESS.has(lower)) return 'success';
  if (ANY_FAILURE.has(lower)) return 'failure';
  return 'none';
}

/** The event's Status read in its own vocabulary; 'none' when it has no (readable) Status. */
export function outcomeOf(event: DecodedEvent): EventOutcome {
  if (isUnknownVodEvent(event)) return outcomeOfStatus(event.raw.Status);
  return outcomeOfStatus(event.Status, VOCABULARY_BY_TYPE[event.EventType] ?? LOWER_CASE);
}
