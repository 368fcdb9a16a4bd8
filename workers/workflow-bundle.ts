import { programPath } from '../common/program-paths';

export const WORKFLOWS_PATH = programPath('workflows/index');

// Modules that every workflow execution would otherwise evaluate afresh: the worker keeps one set
// of module instances per cached execution, and zod with VOD's event schemas costs about a megabyte
// and some CPU each time (on every new or replayed execution). Loaded once per worker instead and
// shared; the SDK freezes them. Only modules that workflows never parse with at run time belong
// here: zod memoizes on a schema's first parse, which a frozen schema refuses. Workflows use
// common/events for its pure helpers only. Nothing else the bundle evaluates per execution builds a
// zod schema when it loads (lint keeps the configuration schemas out; the Extend marker is checked
// by hand; the consumer's poller options schema is built on first use): with them, each cached
// execution cost about 2.5 times the memory.
export const SHARED_WORKFLOW_MODULES: readonly string[] = ['zod', programPath('common/events/index')];

/** How every vodflow workflow bundle is built: the worker's own, the Docker image's, tests', the bench's. */
export function workflowBundleOptions(workflowsPath: string = WORKFLOWS_PATH) {
  return { workflowsPath, preloadModules: [...SHARED_WORKFLOW_MODULES] };
}
