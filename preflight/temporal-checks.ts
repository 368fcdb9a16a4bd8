import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { tlsOptions } from '../clients/temporal/connect';
import type { VodflowConfig } from '../common/config';
import type { SearchAttributeType } from '@temporalio/common';
import { VOD_SEARCH_ATTRIBUTES } from '../common/search-attributes';
import type { CheckResult } from './check-result';

const CONNECT_TIMEOUT_MS = 5_000;
const CALL_TIMEOUT_MS = 5_000;

type TemporalConfig = VodflowConfig['temporal'];

/** Server reachable, namespace present, vodflow's search attributes registered; optionally a worker polling. */
export async function temporalChecks(
  config: TemporalConfig,
  options: { setupHint: string; workerPolling: boolean },
): Promise<CheckResult[]> {
  const reachable = `Temporal reachable at ${config.address}`;
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address: config.address,
      tls: await tlsOptions(config),
      apiKey: config.apiKey,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
  } catch (error) {
    return [
      {
        status: 'failed',
        name: reachable,
        detail: firstLine(error),
        fix: 'start a server (`vodflow dev` locally) or set TEMPORAL_ADDRESS (and TEMPORAL_TLS / TEMPORAL_API_KEY)',
      },
    ];
  }
  try {
    const call = <T>(run: () => Promise<T>): Promise<T> =>
      connection.withDeadline(Date.now() + CALL_TIMEOUT_MS, run);
    const results: CheckResult[] = [{ status: 'ok', name: reachable }];
    const namespace = `namespace ${config.namespace}`;
    try {
      await call(() => connection.workflowService.describeNamespace({ namespace: config.namespace }));
      results.push({ status: 'ok', name: namespace });
    } catch (error) {
      results.push({
        status: 'failed',
        name: namespace,
        detail: firstLine(error),
        fix: `create it (\`temporal operator namespace create --namespace ${config.namespace}\`) or set TEMPORAL_NAMESPACE`,
      });
      return results;
    }
    results.push(await searchAttributesCheck(connection, call, config.namespace, options.setupHint));
    if (options.workerPolling) results.push(await workerPollingCheck(connection, call, config));
    return results;
  } finally {
    await connection.close();
  }
}

async function searchAttributesCheck(
  connection: Connection,
  call: <T>(run: () => Promise<T>) => Promise<T>,
  namespace: string,
  setupHint: string,
): Promise<CheckResult> {
  const name = 'search attributes registered';
  try {
    const { customAttributes } = await call(() =>
      connection.operatorService.listSearchAttributes({ namespace }),
    );
    const missing = missingSearchAttributes(customAttributes ?? {});
    if (missing.length === 0) return { status: 'ok', name };
    return {
      status: 'failed',
      name,
      detail: `missing ${missing.join(', ')}`,
      fix: `\`${setupHint}\` (self-hosted), or add them to the namespace in Temporal Cloud`,
    };
  } catch (error) {
    return { status: 'failed', name, detail: firstLine(error), fix: `\`${setupHint}\`` };
  }
}

/** The operator API's enum value of a search attribute type. */
export function indexedValueType(type: SearchAttributeType): number {
  const value = encodeSearchAttributeIndexedValueType(type);
  if (value === undefined) throw new Error(`no indexed value type for ${type}`);
  return value;
}

/** `Name(Type)` of each vodflow search attribute the namespace lacks or holds with another type. */
export function missingSearchAttributes(registered: Record<string, unknown>): string[] {
  return VOD_SEARCH_ATTRIBUTES.filter((key) => registered[key.name] !== indexedValueType(key.type)).map(
    (key) => `${key.name}(${key.type})`,
  );
}

async function workerPollingCheck(
  connection: Connection,
  call: <T>(run: () => Promise<T>) => Promise<T>,
  config: TemporalConfig,
): Promise<CheckResult> {
  const name = `a worker polls task queue ${config.taskQueue}`;
  try {
    const { pollers } = await call(() =>
      connection.workflowService.describeTaskQueue({
        namespace: config.namespace,
        taskQueue: { name: config.taskQueue },
      }),
    );
    if ((pollers ?? []).length > 0) return { status: 'ok', name, detail: `${pollers?.length} poller(s)` };
    return { status: 'failed', name, detail: 'no poller', fix: 'start one: `vodflow worker`' };
  } catch (error) {
    return { status: 'failed', name, detail: firstLine(error), fix: 'start one: `vodflow worker`' };
  }
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
