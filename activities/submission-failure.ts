import { isVodApiError, NOT_SENT_NETWORK_CODES } from '../clients/vod/errors';

// What a failed submission says about the job: VOD refused it (nothing was created), or the
// request may have reached VOD and created the job although no answer came back.
export type SubmissionFailure = 'refused-transient' | 'refused-permanent' | 'maybe-created';

export function classifySubmissionFailure(error: unknown): SubmissionFailure {
  if (!isVodApiError(error)) return 'maybe-created';
  switch (error.kind) {
    case 'throttled':
      return 'refused-transient';
    case 'network':
      return NOT_SENT_NETWORK_CODES.has(error.code) ? 'refused-transient' : 'maybe-created';
    // A 5xx, a timeout or an unreadable answer tells nothing about what VOD did.
    case 'unavailable':
    case 'timeout':
    case 'invalid-response':
    case 'unknown':
      return 'maybe-created';
    default:
      return error.transient ? 'refused-transient' : 'refused-permanent';
  }
}
