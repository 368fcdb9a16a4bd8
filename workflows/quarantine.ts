import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  describedAs,
  discardUpdate,
  quarantineEntryQuery,
  quarantineSeenAgainSignal,
  redriveUpdate,
} from './definitions';
import type { QuarantineEntry } from './quarantine-entry';

// One small workflow per poison message (id `quarantine:<region>:<queue>:<MessageId>`): the poller
// starts it, then deletes the message from the queue. It waits until an operator redrives the body
// (as it was, or corrected) into its queue, or discards it. Listing them is a visibility query.

const { redriveMessage } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '1s' },
});

export async function quarantinedMessageWorkflow(initial: QuarantineEntry): Promise<QuarantineEntry> {
  const entry: QuarantineEntry = { ...initial };
  let redriving = false;
  const refuseUnlessQuarantined = (): void => {
    if (entry.state !== 'quarantined') throw new Error(`the message is already ${entry.state}`);
    if (redriving) throw new Error('a redrive of this message is in progress');
  };

  setHandler(quarantineEntryQuery, () => entry, describedAs(quarantineEntryQuery));
  setHandler(
    quarantineSeenAgainSignal,
    ({ dequeueCount, seenAt }) => {
      // The same poison message came back (its delete did not land): one entry, updated.
      entry.sightings += 1;
      entry.dequeueCount = Math.max(entry.dequeueCount, dequeueCount);
      if (seenAt > entry.lastSeenAt) entry.lastSeenAt = seenAt;
    },
    describedAs(quarantineSeenAgainSignal),
  );
  setHandler(
    redriveUpdate,
    async ({ body }) => {
      redriving = true;
      try {
        const { messageId } = await redriveMessage({
          region: entry.region,
          queue: entry.queue,
          body: body ?? entry.rawBody,
        });
        entry.state = 'redriven';
        entry.redrivenAs = messageId;
        return { newMessageId: messageId };
      } finally {
        redriving = false;
      }
    },
    {
      ...describedAs(redriveUpdate),
      validator: ({ body }: { body?: string }) => {
        refuseUnlessQuarantined();
        if (body !== undefined && body.length === 0) throw new Error('a redriven body must not be empty');
      },
    },
  );
  setHandler(
    discardUpdate,
    ({ reason }) => {
      entry.state = 'discarded';
      entry.discardReason = reason;
    },
    {
      ...describedAs(discardUpdate),
      validator: (_request: { reason?: string }) => refuseUnlessQuarantined(),
    },
  );

  await condition(() => entry.state !== 'quarantined');
  await condition(allHandlersFinished);
  return entry;
}
