import { ApplicationFailure } from '@temporalio/common';

// Errors classified permanent (`transient: false`, as clients/vod classifies VOD's answers: bad
// parameter, not found, forbidden...) must not be retried by Temporal: they become non-retryable
// failures typed with their code. Anything else stays retryable.
export function asActivityFailure(err: unknown): Error {
  const details = err as { transient?: unknown; code?: unknown };
  if (typeof err === 'object' && err !== null && details.transient === false) {
    return ApplicationFailure.nonRetryable(
      err instanceof Error ? err.message : 'VOD refused the request',
      typeof details.code === 'string' ? details.code : 'VodPermanentError',
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
