import type { VodClient } from '../clients/vod';

export interface CallbackTarget {
  /** SMQ endpoint VOD writes to: the public https://<account>.mns.<region>.aliyuncs.com for real VOD. */
  mnsEndpoint: string;
  queueName: string;
  /** Event types VOD should send; ALL by default. */
  eventTypes?: string[];
  /** The VOD application whose callback this is (each application has its own); VOD's default when absent. */
  appId?: string;
}

// Points VOD's event notifications of one application in the client's region at an SMQ queue
// (SetMessageCallback), then
// reads the configuration back so that a typo shows now rather than as silently missing events.
export async function configureCallback(vod: VodClient, target: CallbackTarget): Promise<void> {
  const eventTypeList = (target.eventTypes ?? ['ALL']).join(',');
  await vod.setMessageCallback({
    CallbackType: 'MNS',
    MnsEndpoint: target.mnsEndpoint,
    MnsQueueName: target.queueName,
    EventTypeList: eventTypeList,
    ...(target.appId ? { AppId: target.appId } : {}),
  });
  const { MessageCallback } = await vod.getMessageCallback(target.appId ? { AppId: target.appId } : {});
  if (MessageCallback?.MnsQueueName !== target.queueName) {
    throw new Error(
      `VOD did not keep the callback: it reports queue ${String(MessageCallback?.MnsQueueName)}, expected ${target.queueName}`,
    );
  }
}
