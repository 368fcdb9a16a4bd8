import { workflowInfo } from '@temporalio/workflow';
import { pipelineTaskQueues, type PipelineTaskQueues } from '../common/task-queues';

// The task queue each kind of activity goes to, named after the workflow's own. No patch: replay
// does not compare an activity's task queue, and activities scheduled on the workflow queue before
// the split are still taken there (the workflow worker registers them all).
export function activityTaskQueues(): PipelineTaskQueues {
  return pipelineTaskQueues(workflowInfo().taskQueue);
}
