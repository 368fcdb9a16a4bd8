import { SmqFault } from '../errors';
import { LIST_QUEUE_DEFAULT_RET_NUMBER, LIST_QUEUE_RET_NUMBER_RANGE } from '../limits';
import { checkRange } from '../engine/attributes';
import type { RouteAnswer, RouteContext } from './context';
import { parseInteger, parseQueueAttributes } from './parse-input';
import { queueFields } from './render';
import { documentXml, listDocumentXml, parseRequestXml, type XmlFields } from './xml';

function bodyAttributes(context: RouteContext): ReturnType<typeof parseQueueAttributes> {
  if (context.body.length === 0) return {};
  return parseQueueAttributes(parseRequestXml(context.body.toString('utf8'), 'Queue'));
}

export function createQueue(context: RouteContext): RouteAnswer {
  const outcome = context.engine.createQueue(context.queueName, bodyAttributes(context));
  return {
    status: outcome === 'created' ? 201 : 204,
    headers: { location: `${context.baseUrl}/queues/${context.queueName}` },
  };
}

export function setQueueAttributes(context: RouteContext): RouteAnswer {
  context.engine.setQueueAttributes(context.queueName, bodyAttributes(context));
  return { status: 204 };
}

export function getQueueAttributes(context: RouteContext): RouteAnswer {
  const { info, counters } = context.engine.getQueue(context.queueName);
  return { status: 200, xml: documentXml('Queue', queueFields(info, counters)) };
}

export function deleteQueue(context: RouteContext): RouteAnswer {
  context.engine.deleteQueue(context.queueName);
  return { status: 204 };
}

export function listQueues(context: RouteContext): RouteAnswer {
  // The Node SDK sends the text "undefined" as prefix when only a limit is given.
  const rawPrefix = context.headers['x-mns-prefix'] ?? '';
  const prefix = rawPrefix === 'undefined' ? '' : rawPrefix;
  const rawMarker = context.headers['x-mns-marker'] ?? '';
  const marker = rawMarker === 'undefined' ? '' : rawMarker;
  const rawLimit = context.headers['x-mns-ret-number'];
  let limit = LIST_QUEUE_DEFAULT_RET_NUMBER;
  if (rawLimit !== undefined && rawLimit !== 'undefined') {
    limit = parseInteger('x-mns-ret-number', rawLimit);
    checkRange('x-mns-ret-number', limit, LIST_QUEUE_RET_NUMBER_RANGE);
  }
  const withMeta = (context.headers['x-mns-with-meta'] ?? '').toLowerCase() === 'true';
  const { names, nextMarker } = context.engine.listQueues(prefix, marker, limit);
  const items = names.map((name): XmlFields => {
    const url: XmlFields = [['QueueURL', `${context.baseUrl}/queues/${name}`]];
    if (!withMeta) return url;
    const { info, counters } = context.engine.getQueue(name);
    return [...url, ...queueFields(info, counters)];
  });
  const tail: XmlFields = nextMarker === undefined ? [] : [['NextMarker', nextMarker]];
  return { status: 200, xml: listDocumentXml('Queues', 'Queue', items, tail) };
}

export function rejectQueueMethod(): never {
  throw new SmqFault('MethodNotAllowed');
}
