import { SmqFault } from '../errors';
import type { RouteAnswer, RouteContext } from './context';
import * as messages from './message-routes';
import * as queues from './queue-routes';

export interface Route {
  operation: string;
  queueName: string;
  handle: (context: RouteContext) => RouteAnswer | Promise<RouteAnswer>;
}

type Partial = Pick<RouteContext, 'query' | 'body'>;

const QUEUE_PATH = /^\/queues\/([^/]+)$/;
const MESSAGES_PATH = /^\/queues\/([^/]+)\/messages$/;

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new SmqFault('InvalidRequestURL', `The queue name ${raw} is not valid.`);
  }
}

/** Maps method + path (+ query or body root) to one SMQ operation. */
export function route(method: string, path: string, request: Partial): Route {
  if (path === '/queues' || path === '/queues/') {
    if (method === 'GET') return { operation: 'ListQueue', queueName: '', handle: queues.listQueues };
    throw new SmqFault('MethodNotAllowed');
  }
  const queueMatch = QUEUE_PATH.exec(path);
  if (queueMatch) {
    const queueName = decodeName(queueMatch[1]);
    switch (method) {
      case 'PUT':
        return (request.query.get('metaoverride') ?? '').toLowerCase() === 'true'
          ? { operation: 'SetQueueAttributes', queueName, handle: queues.setQueueAttributes }
          : { operation: 'CreateQueue', queueName, handle: queues.createQueue };
      case 'GET':
        return { operation: 'GetQueueAttributes', queueName, handle: queues.getQueueAttributes };
      case 'DELETE':
        return { operation: 'DeleteQueue', queueName, handle: queues.deleteQueue };
      default:
        throw new SmqFault('MethodNotAllowed');
    }
  }
  const messagesMatch = MESSAGES_PATH.exec(path);
  if (messagesMatch) {
    const queueName = decodeName(messagesMatch[1]);
    const probe = { query: request.query, body: request.body } as RouteContext;
    switch (method) {
      case 'POST': {
        const operation = messages.sendOperation(probe);
        const handle = operation === 'SendMessage' ? messages.sendMessage : messages.batchSendMessage;
        return { operation, queueName, handle };
      }
      case 'GET': {
        const operation = messages.receiveOperation(probe);
        const peek = operation.endsWith('PeekMessage');
        return { operation, queueName, handle: peek ? messages.peekMessages : messages.receiveMessages };
      }
      case 'DELETE': {
        const operation = messages.deleteOperation(probe);
        const handle = operation === 'DeleteMessage' ? messages.deleteMessage : messages.batchDeleteMessage;
        return { operation, queueName, handle };
      }
      case 'PUT':
        return { operation: 'ChangeMessageVisibility', queueName, handle: messages.changeVisibility };
      default:
        throw new SmqFault('MethodNotAllowed');
    }
  }
  throw new SmqFault('InvalidRequestURL', `The path ${path} is not an SMQ resource.`);
}
