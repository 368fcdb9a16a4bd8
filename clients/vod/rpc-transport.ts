import RPCClient from '@alicloud/pop-core';
import { apiErrorFromAnswer, transportError } from './errors';
import type { RpcParams } from './params';

/** One answer of the RPC API: HTTP status and parsed JSON body. */
export interface RpcAnswer {
  httpStatus: number | undefined;
  body: unknown;
}

/** Sends one signed RPC request; throws only for failures below the API (network, timeout, not JSON). */
export type RpcSend = (action: string, params: RpcParams, timeoutMs: number) => Promise<RpcAnswer>;

export interface RpcCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Supplies fresh credentials for every request (e.g. rotating STS tokens). */
export interface RpcCredentialsProvider {
  getCredentials(): Promise<RpcCredentials>;
}

// pop-core's constructor takes a second `verbose` argument (answers [body, entry], giving the HTTP
// status) that its type declarations leave out.
interface PopCoreEntry {
  response?: { statusCode?: number } | null;
}
type VerbosePopCore = {
  request(action: string, params: object, options: object): Promise<[unknown, PopCoreEntry]>;
};
const VerboseRPCClient = RPCClient as unknown as new (
  config: RPCClient.Config,
  verbose: boolean,
) => VerbosePopCore;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

// json-bigint (pop-core's parser) turns integers beyond 2^53 into BigNumber objects; answers must
// be plain JSON for validation and for Temporal payloads.
function plainJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainJson);
  if (typeof value !== 'object' || value === null) return value;
  if (field(value, '_isBigNumber') === true || value.constructor?.name === 'BigNumber') {
    // BigNumber.toFixed() prints every digit, never exponent notation.
    const text = (value as { toFixed(): string }).toFixed();
    const asNumber = Number(text);
    return Number.isSafeInteger(asNumber) ? asNumber : text;
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plainJson(inner)]));
}

/**
 * The transport over @alicloud/pop-core. POST keeps the signature, AccessKeyId and SecurityToken in
 * the form body rather than in a URL that error messages and proxies might log.
 */
export function popCoreSend(
  endpoint: string,
  apiVersion: string,
  credentials: RpcCredentials | RpcCredentialsProvider,
): RpcSend {
  const config =
    'getCredentials' in credentials
      ? { endpoint, apiVersion, credentialsProvider: credentials }
      : {
          endpoint,
          apiVersion,
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
        };
  // pop-core accepts credentialsProvider instead of keys; its declarations do not say so.
  const client = new VerboseRPCClient(config as RPCClient.Config, true);
  return async (action, params, timeoutMs) => {
    try {
      const [body, entry] = await client.request(action, params, {
        method: 'POST',
        timeout: timeoutMs,
        formatParams: false,
      });
      return { httpStatus: entry.response?.statusCode ?? undefined, body: plainJson(body) };
    } catch (error) {
      // pop-core throws for answers whose Code is an error, attaching the parsed body and entry.
      const body = field(error, 'data');
      if (typeof body === 'object' && body !== null) {
        const status = field(field(field(error, 'entry'), 'response'), 'statusCode');
        return { httpStatus: typeof status === 'number' ? status : undefined, body: plainJson(body) };
      }
      throw transportError(action, error);
    }
  };
}

// Codes that pop-core (and some gateways) put on successful answers.
const SUCCESS_CODES = new Set<unknown>([undefined, '', 200, '200', 'OK', 'Success', 'success']);

/** The API error an answer reports (an error Code, or an HTTP error status), if any. */
export function answerError(action: string, answer: RpcAnswer) {
  const code = field(answer.body, 'Code');
  const failedStatus = answer.httpStatus !== undefined && answer.httpStatus >= 400;
  if (!failedStatus && SUCCESS_CODES.has(code)) return undefined;
  const body = typeof answer.body === 'object' && answer.body !== null ? answer.body : {};
  return apiErrorFromAnswer(action, answer.httpStatus, body);
}
