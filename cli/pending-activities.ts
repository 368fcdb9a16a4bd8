import type { WorkflowExecutionDescription } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';

// The activities a workflow is waiting for, as Temporal describes them: what `status` shows while a
// follow-up keeps failing (the video's own state only learns the outcome once retries are over).

export interface PendingActivityView {
  activity: string;
  state: string;
  attempt: number;
  /** ISO 8601 */
  scheduledAt?: string;
  lastStartedAt?: string;
  nextAttemptAt?: string;
  lastError?: string;
}

type Timestamp = Parameters<typeof optionalTsToMs>[0];

const iso = (ts: Timestamp): string | undefined => {
  const ms = optionalTsToMs(ts);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

// The proto enum's names (PENDING_ACTIVITY_STATE_SCHEDULED…) in lower case, without the prefix.
const STATES = ['unspecified', 'scheduled', 'started', 'cancel requested', 'paused', 'pause requested'];

export function pendingActivitiesOf(description: WorkflowExecutionDescription): PendingActivityView[] {
  return (description.raw.pendingActivities ?? []).map((info) => {
    const next = (info as { nextAttemptScheduleTime?: Timestamp }).nextAttemptScheduleTime;
    return {
      activity: info.activityType?.name ?? '?',
      state: STATES[info.state ?? 0] ?? String(info.state),
      attempt: info.attempt ?? 0,
      scheduledAt: iso(info.scheduledTime),
      lastStartedAt: iso(info.lastStartedTime),
      nextAttemptAt: iso(next),
      lastError: info.lastFailure?.message ?? undefined,
    };
  });
}
