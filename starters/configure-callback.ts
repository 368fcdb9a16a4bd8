import type { VodClient } from '../clients/vod';

export interface CallbackTarget {
  /** SMQ endpoint VOD writes to: the public https://<account>.mns.<region>.aliyuncs.com for real VOD. */
  mnsEndpoint: string;
  queueName: string;
  /** Event types VOD should send; ALL by default. */
  eventTypes?: string[];
}

// Points VOD's event notifications of the client's region at an SMQ queue (SetMessageCallback), then
// reads the configuration back so that a typo shows now rather than as silently missing events.
export async function configureCallback(vod: VodClient, target: CallbackTarget): Promise<void> {
  const eventTypeList = (target.eventTypes ?? ['ALL']).join(',');
  await vod.setMessageCallback({
    CallbackType: 'MNS',
    MnsEndpoint: target.mnsEndpoint,
    MnsQueueName: target.queueName,
    EventTypeList: eventTypeList,
  });
  const { MessageCallback } = await vod.getMessageCallback();
  if (MessageCallback?.MnsQueueName !== target.queueName) {
    throw new Error(
      `VOD did not keep the callback: it reports queue ${String(MessageCallback?.MnsQueueName)}, expected ${target.queueName}`,
    );
  }
}
