import { invalidParameter } from '../errors';
import { MAX_EXTEND_BYTES } from '../protocol/limits';
import type { CallbackTarget, RequestUserData } from './types';

function asObject(value: unknown, name: string): Record<string, unknown> {
  let parsed = value;
  // Older docs pass MessageCallback as a JSON string inside the JSON.
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      throw invalidParameter(name, 'not valid JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter(name, 'must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function text(source: Record<string, unknown>, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// SMQ field names inside UserData.MessageCallback are unconfirmed; the emulator takes the names
// SetMessageCallback uses: CallbackType=MNS, MnsEndpoint, MnsQueueName.
function callbackTarget(raw: unknown): CallbackTarget {
  const source = asObject(raw, 'UserData.MessageCallback');
  const type = (text(source, 'CallbackType') ?? 'http').toUpperCase();
  if (type === 'MNS') {
    const mnsQueueName = text(source, 'MnsQueueName');
    if (!mnsQueueName) throw invalidParameter('UserData.MessageCallback', 'MnsQueueName is required for MNS');
    return { callbackType: 'MNS', mnsQueueName, mnsEndpoint: text(source, 'MnsEndpoint') };
  }
  if (type !== 'HTTP') throw invalidParameter('UserData.MessageCallback', `unknown CallbackType ${type}`);
  const callbackUrl = text(source, 'CallbackURL');
  if (!callbackUrl) throw invalidParameter('UserData.MessageCallback', 'CallbackURL is required for HTTP');
  return { callbackType: 'HTTP', callbackUrl };
}

/** Parses a request's UserData parameter. */
export function parseUserData(raw: string | undefined): RequestUserData {
  if (raw === undefined || raw === '') return {};
  const source = asObject(raw, 'UserData');
  const result: RequestUserData = { raw };
  if (source.MessageCallback !== undefined) result.target = callbackTarget(source.MessageCallback);
  if (source.Extend !== undefined) {
    const extend = typeof source.Extend === 'string' ? source.Extend : JSON.stringify(source.Extend);
    if (Buffer.byteLength(extend, 'utf8') > MAX_EXTEND_BYTES) {
      throw invalidParameter('UserData.Extend', `longer than ${MAX_EXTEND_BYTES} bytes`);
    }
    result.extend = extend;
  }
  return result;
}
