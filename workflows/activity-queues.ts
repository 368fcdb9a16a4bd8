import { patched, workflowInfo } from '@temporalio/workflow';
import { pipelineTaskQueues, type PipelineTaskQueues } from '../common/task-queues';

// The task queue each kind of activity goes to, named after the workflow's own. A workflow that
// began before activities had queues of their own keeps scheduling them on its own queue (the
// workflow worker still takes every activity there); unset fields mean exactly that.
export function activityTaskQueues(): Partial<PipelineTaskQueues> {
  if (!patched('activities-on-own-task-queues')) return {};
  return pipelineTaskQueues(workflowInfo().taskQueue);
}
