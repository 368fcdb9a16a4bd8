import { Client, Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { VOD_STAGE } from '../../common/search-attributes';
import { sharedStack } from '../helpers/shared-stack';
import { smokeNoteSignal, smokeNotesQuery, smokeWorkflow } from '../helpers/workflows/smoke';
import { eventually } from '../helpers/eventually';

describe('integration harness', () => {
  const stack = sharedStack();
  let connection: Connection | undefined;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: stack.temporalAddress });
    client = new Client({ connection, namespace: stack.namespace });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('runs a worker, signal-with-start, a query and a search-attribute list query on the real server', async () => {
    const taskQueue = `smoke-${randomUUID()}`;
    const workflowId = `smoke-${randomUUID()}`;
    const stage = `stage-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: stack.namespace,
      taskQueue,
      workflowBundle: { codePath: stack.workflowBundlePath },
    });

    await worker.runUntil(async () => {
      const handle = await client.workflow.signalWithStart(smokeWorkflow, {
        taskQueue,
        workflowId,
        signal: smokeNoteSignal,
        signalArgs: [stage],
        typedSearchAttributes: new TypedSearchAttributes([{ key: VOD_STAGE, value: 'starting' }]),
      });
      await eventually(async () => expect(await handle.query(smokeNotesQuery)).toEqual([stage]));

      await eventually(async () => {
        const found: string[] = [];
        for await (const execution of client.workflow.list({ query: `VodStage = "${stage}"` })) {
          found.push(execution.workflowId);
        }
        expect(found).toEqual([workflowId]);
      });

      await handle.signal(smokeNoteSignal, 'done');
      expect(await handle.result()).toEqual([stage, 'done']);
    });
    await workerConnection.close();
  });
});
