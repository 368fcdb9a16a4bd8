// The one workflowsPath entry: every workflow the worker runs is exported from here.
export {};
