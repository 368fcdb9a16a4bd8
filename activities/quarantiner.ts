import type { Client } from '@temporalio/client';
import { quarantineWorkflowId } from '../common/workflow-ids';
import { quarantineSeenAgainSignal, type QuarantineSighting } from '../workflows/definitions';
import type { quarantinedMessageWorkflow } from '../workflows/quarantine';
import type { PoisonVerdict } from './message-classifier';
import type { ReceivedMessage } from './queue-port';

// Records a poison message as its own quarantine workflow (raw body and reason inspectable, ready
// to be redriven). A repeat of the same message lands on the same workflow as a sighting.
export function createQuarantiner(deps: { temporal: Client; taskQueue: string }) {
  return async function quarantine({
    region,
    queue,
    message,
    verdict,
  }: {
    region: string;
    queue: string;
    message: ReceivedMessage;
    verdict: PoisonVerdict;
  }): Promise<void> {
    const seenAt = new Date().toISOString();
    await deps.temporal.workflow.signalWithStart<typeof quarantinedMessageWorkflow, [QuarantineSighting]>(
      'quarantinedMessageWorkflow',
      {
        workflowId: quarantineWorkflowId({ region, queue, messageId: message.messageId }),
        taskQueue: deps.taskQueue,
        args: [
          {
            region,
            queue,
            messageId: message.messageId,
            rawBody: message.body,
            reasonCode: verdict.reasonCode,
            reason: verdict.reason,
            dequeueCount: message.dequeueCount,
            enqueueTime: message.enqueueTime,
            firstSeenAt: seenAt,
            lastSeenAt: seenAt,
            sightings: 0,
            state: 'quarantined',
          },
        ],
        signal: quarantineSeenAgainSignal,
        signalArgs: [{ dequeueCount: message.dequeueCount, seenAt }],
        // Listing reads this from visibility, so it works even when no worker can answer a query.
        memo: {
          messageId: message.messageId,
          region,
          queue,
          reasonCode: verdict.reasonCode,
          firstSeenAt: seenAt,
        },
      },
    );
  };
}
