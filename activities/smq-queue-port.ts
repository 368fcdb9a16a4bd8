import type { SmqClient } from '../clients/smq';
import type { QueuePort } from './queue-port';

// QueuePort over the typed SMQ client. Bodies are read raw: VOD's own encoding (Base64 JSON or
// JSON) is the event decoder's business, and a redriven body goes back exactly as it came.
export function smqQueuePort(client: SmqClient): QueuePort {
  return {
    async receive(max, waitSeconds, signal) {
      const messages = await client.receiveMessages(max, waitSeconds, signal);
      return messages.map((m) => ({
        messageId: m.messageId,
        receiptHandle: m.receiptHandle,
        body: m.body,
        enqueueTime: m.enqueueTime,
        firstDequeueTime: m.firstDequeueTime,
        dequeueCount: m.dequeueCount,
      }));
    },
    async deleteBatch(receiptHandles) {
      const { failed } = await client.deleteMessages(receiptHandles);
      return { failed: failed.map((f) => ({ receiptHandle: f.handle, code: f.code, message: f.message })) };
    },
    async changeVisibility(receiptHandle, seconds) {
      return (await client.changeVisibility(receiptHandle, seconds)).receiptHandle;
    },
    async send(body) {
      const { messageId } = await client.sendMessage(body);
      return { messageId };
    },
  };
}
