// One task queue for the whole pipeline by default: video, consumer and quarantine workflows and
// their activities. Deployments may split them through configuration.
export const DEFAULT_TASK_QUEUE = 'vodflow';
