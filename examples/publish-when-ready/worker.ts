import { NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import { createCmsActivities } from './activities';
import type { PublishResult } from './workflows';

export const CMS_TASK_QUEUE = 'cms-publish';

// The example user's worker: its own process (or any Temporal SDK language) on its own task queue.
export async function createCmsWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  publish(entry: PublishResult): Promise<void>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? CMS_TASK_QUEUE,
    workflowsPath: path.join(__dirname, 'workflows.ts'),
    activities: createCmsActivities((entry) => options.publish(entry)),
  });
}

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  const worker = await createCmsWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    publish: (entry) => {
      console.log(JSON.stringify({ published: entry }));
      return Promise.resolve();
    },
  });
  await worker.run();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
