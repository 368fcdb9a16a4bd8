import path from 'node:path';

// What global setup hands to integration test files (jest runs them in other processes,
// so the handover is through environment variables).
export const ENV_TEMPORAL_ADDRESS = 'VODFLOW_TEST_TEMPORAL_ADDRESS';
export const ENV_TEMPORAL_NAMESPACE = 'VODFLOW_TEST_TEMPORAL_NAMESPACE';
export const ENV_WORKFLOW_BUNDLE = 'VODFLOW_TEST_WORKFLOW_BUNDLE';

export const TEST_WORKFLOWS_PATH = path.resolve(__dirname, 'workflows', 'index.ts');

export interface SharedStack {
  temporalAddress: string;
  namespace: string;
  workflowBundlePath: string;
}

export function sharedStack(): SharedStack {
  const temporalAddress = process.env[ENV_TEMPORAL_ADDRESS];
  const namespace = process.env[ENV_TEMPORAL_NAMESPACE];
  const workflowBundlePath = process.env[ENV_WORKFLOW_BUNDLE];
  if (!temporalAddress || !namespace || !workflowBundlePath) {
    throw new Error(
      'integration tests need the global setup (run them through jest --selectProjects integration)',
    );
  }
  return { temporalAddress, namespace, workflowBundlePath };
}
