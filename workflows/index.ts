// The one workflowsPath entry: every workflow the worker runs is exported from here.
export { videoWorkflow } from './video';
export { smqConsumerWorkflow } from './consumer';
export { quarantinedMessageWorkflow } from './quarantine';
export { sweepWorkflow } from './sweep';
