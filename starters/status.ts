import { WorkflowNotFoundError } from '@temporalio/client';
import { connectClient } from '../clients/temporal/connect';
import { loadConfig } from '../common/config';
import { videoWorkflowId } from '../common/workflow-ids';
import { videoStateQuery } from '../workflows/definitions';
import type { videoWorkflow } from '../workflows/video';
import { loadDotEnv } from './load-env';

// Prints one video's processing state as JSON: `tsx starters/status.ts <VideoId>`.
// A closed video answers from its final state.
async function main(): Promise<void> {
  loadDotEnv();
  const videoId = process.argv[2];
  if (!videoId) throw new Error('usage: status <VideoId>');
  const config = loadConfig();
  const { client, close } = await connectClient(config.temporal);
  try {
    const handle = client.workflow.getHandle<typeof videoWorkflow>(videoWorkflowId(videoId));
    const description = await handle.describe();
    const state =
      description.status.name === 'RUNNING' ? await handle.query(videoStateQuery) : await handle.result();
    console.log(JSON.stringify(state, null, 2));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw new Error(`vodflow has seen no event of video ${videoId}`);
    throw err;
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
