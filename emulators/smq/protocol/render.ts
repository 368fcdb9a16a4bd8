import type {
  PeekedMessage,
  QueueAttributes,
  QueueCounters,
  QueueInfo,
  ReceivedMessage,
} from '../engine/types';
import type { XmlFields } from './xml';

export function receivedFields(message: ReceivedMessage): XmlFields {
  return [
    ['MessageId', message.messageId],
    ['ReceiptHandle', message.receiptHandle],
    ['MessageBody', message.body],
    ['MessageBodyMD5', message.bodyMd5],
    ['EnqueueTime', message.enqueueTime],
    ['NextVisibleTime', message.nextVisibleTime],
    ['FirstDequeueTime', message.firstDequeueTime],
    ['DequeueCount', message.dequeueCount],
    ['Priority', message.priority],
  ];
}

export function peekedFields(message: PeekedMessage): XmlFields {
  return [
    ['MessageId', message.messageId],
    ['MessageBody', message.body],
    ['MessageBodyMD5', message.bodyMd5],
    ['EnqueueTime', message.enqueueTime],
    ['FirstDequeueTime', message.firstDequeueTime],
    ['DequeueCount', message.dequeueCount],
    ['Priority', message.priority],
  ];
}

function attributeFields(attributes: QueueAttributes): XmlFields {
  return [
    ['DelaySeconds', attributes.DelaySeconds],
    ['MaximumMessageSize', attributes.MaximumMessageSize],
    ['MessageRetentionPeriod', attributes.MessageRetentionPeriod],
    ['VisibilityTimeout', attributes.VisibilityTimeout],
    ['PollingWaitSeconds', attributes.PollingWaitSeconds],
    ['LoggingEnabled', attributes.LoggingEnabled ? 'True' : 'False'],
  ];
}

/** Queue times are seconds since the epoch (unconfirmed). */
export function queueFields(info: QueueInfo, counters: QueueCounters): XmlFields {
  return [
    ['QueueName', info.name],
    ['CreateTime', Math.floor(info.createTime / 1000)],
    ['LastModifyTime', Math.floor(info.lastModifyTime / 1000)],
    ...attributeFields(info.attributes),
    ['ActiveMessages', counters.active],
    ['InactiveMessages', counters.inactive],
    ['DelayMessages', counters.delayed],
  ];
}
