import { SmqFault } from '../errors';
import { MAX_BATCH_SEND_BYTES, MAX_BATCH_SIZE, WAIT_SECONDS_RANGE } from '../limits';
import { checkRange } from '../engine/attributes';
import type { SendInput } from '../engine/types';
import type { RouteAnswer, RouteContext } from './context';
import { parseInteger, parseSendInput } from './parse-input';
import { peekedFields, receivedFields } from './render';
import {
  documentXml,
  isNode,
  listDocumentXml,
  parseRequestXml,
  readList,
  readText,
  type XmlFields,
} from './xml';

function bodyText(context: RouteContext): string {
  return context.body.toString('utf8');
}

/** SendMessage or BatchSendMessage, told apart by the root element. */
export function sendOperation(context: RouteContext): string {
  return /<Messages[\s>]/.test(bodyText(context)) ? 'BatchSendMessage' : 'SendMessage';
}

export function sendMessage(context: RouteContext): RouteAnswer {
  const input = parseSendInput(parseRequestXml(bodyText(context), 'Message'));
  const [sent] = context.engine.send(context.queueName, [input]);
  return {
    status: 201,
    xml: documentXml('Message', [
      ['MessageId', sent.messageId],
      ['MessageBodyMD5', sent.bodyMd5],
    ]),
  };
}

export function batchSendMessage(context: RouteContext): RouteAnswer {
  const root = parseRequestXml(bodyText(context), 'Messages');
  const items = readList(root, 'Message');
  if (items.length < 1 || items.length > MAX_BATCH_SIZE)
    throw new SmqFault('InvalidArgument', `A batch holds 1 to ${MAX_BATCH_SIZE} messages.`);
  context.engine.getQueue(context.queueName);
  // Validate each item first: bad ones are reported in place, good ones are sent.
  const checked = items.map((item): SendInput | SmqFault => {
    try {
      if (!isNode(item)) throw new SmqFault('InvalidArgument', 'Each Message must hold elements.');
      const input = parseSendInput(item);
      context.engine.checkMessage(context.queueName, input);
      return input;
    } catch (error) {
      if (error instanceof SmqFault) return error;
      throw error;
    }
  });
  const good = checked.filter((item): item is SendInput => !(item instanceof SmqFault));
  const totalBytes = good.reduce((sum, input) => sum + Buffer.byteLength(input.body, 'utf8'), 0);
  if (totalBytes > MAX_BATCH_SEND_BYTES)
    throw new SmqFault(
      'InvalidArgument',
      `The messages of one batch may hold at most ${MAX_BATCH_SEND_BYTES} bytes.`,
    );
  const sent = good.length > 0 ? context.engine.send(context.queueName, good) : [];
  let next = 0;
  const answers = checked.map((item): XmlFields => {
    if (item instanceof SmqFault)
      return [
        ['ErrorCode', item.code],
        ['ErrorMessage', item.message],
      ];
    const result = sent[next++];
    return [
      ['MessageId', result.messageId],
      ['MessageBodyMD5', result.bodyMd5],
    ];
  });
  const anyFailed = checked.some((item) => item instanceof SmqFault);
  return { status: anyFailed ? 500 : 201, xml: listDocumentXml('Messages', 'Message', answers) };
}

export function receiveOperation(context: RouteContext): string {
  const peek = (context.query.get('peekonly') ?? '').toLowerCase() === 'true';
  const batch = context.query.has('numofmessages');
  if (peek) return batch ? 'BatchPeekMessage' : 'PeekMessage';
  return batch ? 'BatchReceiveMessage' : 'ReceiveMessage';
}

function batchSize(context: RouteContext): number {
  const text = context.query.get('numofmessages');
  if (text === undefined) return 1;
  const max = parseInteger('numOfMessages', text);
  checkRange('numOfMessages', max, { min: 1, max: MAX_BATCH_SIZE, unit: 'bytes' });
  return max;
}

export async function receiveMessages(context: RouteContext): Promise<RouteAnswer> {
  const batch = context.operation === 'BatchReceiveMessage';
  const max = batchSize(context);
  const waitText = context.query.get('waitseconds');
  let waitSeconds: number | undefined;
  if (waitText !== undefined) {
    waitSeconds = parseInteger('waitseconds', waitText);
    checkRange('waitseconds', waitSeconds, WAIT_SECONDS_RANGE);
  }
  const received = await context.engine.receive(context.queueName, {
    max,
    waitSeconds,
    signal: context.signal,
    duplicate: () => context.faults.duplicate(context.operation),
  });
  if (received.length === 0) throw new SmqFault('MessageNotExist', 'The queue holds no receivable message.');
  const ordered = context.faults.reorder(context.operation, received);
  if (!batch) return { status: 200, xml: documentXml('Message', receivedFields(ordered[0])) };
  return { status: 200, xml: listDocumentXml('Messages', 'Message', ordered.map(receivedFields)) };
}

export function peekMessages(context: RouteContext): RouteAnswer {
  const batch = context.operation === 'BatchPeekMessage';
  const peeked = context.engine.peek(context.queueName, batchSize(context));
  if (peeked.length === 0) throw new SmqFault('MessageNotExist', 'The queue holds no visible message.');
  if (!batch) return { status: 200, xml: documentXml('Message', peekedFields(peeked[0])) };
  return { status: 200, xml: listDocumentXml('Messages', 'Message', peeked.map(peekedFields)) };
}

export function deleteOperation(context: RouteContext): string {
  return context.query.has('receipthandle') ? 'DeleteMessage' : 'BatchDeleteMessage';
}

export function deleteMessage(context: RouteContext): RouteAnswer {
  const handle = context.query.get('receipthandle');
  if (!handle) throw new SmqFault('MissingReceiptHandle');
  context.engine.deleteMessage(context.queueName, handle);
  return { status: 204 };
}

export function batchDeleteMessage(context: RouteContext): RouteAnswer {
  if (context.body.length === 0) throw new SmqFault('MissingReceiptHandle');
  const root = parseRequestXml(bodyText(context), 'ReceiptHandles');
  const handles = readList(root, 'ReceiptHandle').map((item) => {
    if (typeof item !== 'string') throw new SmqFault('InvalidArgument', 'Each ReceiptHandle must be text.');
    return readText({ handle: item }, 'handle') ?? '';
  });
  const failures = context.engine.deleteMessages(context.queueName, handles);
  if (failures.length === 0) return { status: 204 };
  // Status unconfirmed: 404 with the Errors document listing only the failed handles.
  const items = failures.map(({ handle, fault }): XmlFields => [
    ['ErrorCode', fault.code],
    ['ErrorMessage', fault.message],
    ['ReceiptHandle', handle],
  ]);
  return { status: 404, xml: listDocumentXml('Errors', 'Error', items) };
}

export function changeVisibility(context: RouteContext): RouteAnswer {
  const handle = context.query.get('receipthandle');
  if (!handle) throw new SmqFault('MissingReceiptHandle');
  const seconds = context.query.get('visibilitytimeout');
  if (seconds === undefined || seconds === '') throw new SmqFault('MissingVisibilityTimeout');
  const result = context.engine.changeVisibility(
    context.queueName,
    handle,
    parseInteger('VisibilityTimeout', seconds),
  );
  return {
    status: 200,
    xml: documentXml('ChangeVisibility', [
      ['ReceiptHandle', result.receiptHandle],
      ['NextVisibleTime', result.nextVisibleTime],
    ]),
  };
}
