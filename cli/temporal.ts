import type { Client } from '@temporalio/client';
import { connectClient } from '../clients/temporal/connect';
import { loadConfig, type VodflowConfig } from '../common/config';
import { loadDotEnv } from '../starters/load-env';

// Runs a command with a Temporal client from the configuration, and closes it afterwards.
export async function withClient<T>(run: (client: Client, config: VodflowConfig) => Promise<T>): Promise<T> {
  loadDotEnv();
  const config = loadConfig();
  const { client, close } = await connectClient(config.temporal);
  try {
    return await run(client, config);
  } finally {
    await close();
  }
}
