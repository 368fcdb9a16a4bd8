import { SmqFault } from '../errors';
import type { QueueAttributes, SendInput } from '../engine/types';
import { readText, type XmlNode } from './xml';

export function parseInteger(name: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim()))
    throw new SmqFault('InvalidArgument', `The value of ${name} must be an integer.`);
  return Number(text.trim());
}

function optionalInteger(node: XmlNode, name: string): number | undefined {
  const text = readText(node, name);
  return text === undefined ? undefined : parseInteger(name, text);
}

export function parseQueueAttributes(node: XmlNode): Partial<QueueAttributes> {
  const logging = readText(node, 'LoggingEnabled');
  if (logging !== undefined && !/^(true|false)$/i.test(logging))
    throw new SmqFault('InvalidArgument', 'The value of LoggingEnabled must be True or False.');
  return {
    DelaySeconds: optionalInteger(node, 'DelaySeconds'),
    MaximumMessageSize: optionalInteger(node, 'MaximumMessageSize'),
    MessageRetentionPeriod: optionalInteger(node, 'MessageRetentionPeriod'),
    VisibilityTimeout: optionalInteger(node, 'VisibilityTimeout'),
    PollingWaitSeconds: optionalInteger(node, 'PollingWaitSeconds'),
    LoggingEnabled: logging === undefined ? undefined : logging.toLowerCase() === 'true',
  };
}

export function parseSendInput(node: XmlNode): SendInput {
  const body = readText(node, 'MessageBody');
  if (body === undefined) throw new SmqFault('InvalidArgument', 'The MessageBody element is missing.');
  return {
    body,
    delaySeconds: optionalInteger(node, 'DelaySeconds'),
    priority: optionalInteger(node, 'Priority'),
  };
}
