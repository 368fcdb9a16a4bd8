import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { readFile } from 'node:fs/promises';
import type { VodflowConfig } from '../../common/config';

// Connections to Temporal from configuration: a local dev server, a self-hosted cluster with mTLS,
// or Temporal Cloud with an API key.

type TemporalConfig = VodflowConfig['temporal'];

export async function tlsOptions(config: TemporalConfig): Promise<ConnectionOptions['tls']> {
  if (!config.tls) return undefined;
  if (!config.tlsCertPath || !config.tlsKeyPath) return true;
  const [crt, key] = await Promise.all([readFile(config.tlsCertPath), readFile(config.tlsKeyPath)]);
  return { clientCertPair: { crt, key } };
}

export async function connectClient(
  config: TemporalConfig,
): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({
    address: config.address,
    tls: await tlsOptions(config),
    apiKey: config.apiKey,
  }).catch((err: unknown) => {
    throw unreachable(config.address, err);
  });
  return { client: new Client({ connection, namespace: config.namespace }), close: () => connection.close() };
}

export async function connectWorker(config: TemporalConfig): Promise<NativeConnection> {
  const options: NativeConnectionOptions = {
    address: config.address,
    tls: await tlsOptions(config),
    apiKey: config.apiKey,
  };
  return NativeConnection.connect(options).catch((err: unknown) => {
    throw unreachable(config.address, err);
  });
}

function unreachable(address: string, err: unknown): Error {
  return new Error(
    `cannot reach Temporal at ${address}: ${err instanceof Error ? err.message : String(err)}. ` +
      'Is the server running? (`vodflow dev` starts one locally; --address or TEMPORAL_ADDRESS names another)',
  );
}
