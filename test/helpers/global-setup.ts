import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workflowBundleOptions } from '../../workers/workflow-bundle';
import { startTemporalDevServer, type TemporalDevServer } from '../../devstack/temporal-server';
import {
  ENV_TEMPORAL_ADDRESS,
  ENV_TEMPORAL_NAMESPACE,
  ENV_WORKFLOW_BUNDLE,
  TEST_WORKFLOWS_PATH,
} from './shared-stack';

declare global {
  var __vodflowTemporal: TemporalDevServer | undefined;
}

// One Temporal dev server and one workflow bundle for the whole integration run.
// Set VODFLOW_TEST_TEMPORAL_ADDRESS to run against a server that is already up (e.g. `make demo --keep`).
export default async function globalSetup(): Promise<void> {
  const bundling = bundleWorkflowCode({
    ...workflowBundleOptions(TEST_WORKFLOWS_PATH),
    logger: quietBundlerLogger,
  });
  if (!process.env[ENV_TEMPORAL_ADDRESS]) {
    const server = await startTemporalDevServer();
    globalThis.__vodflowTemporal = server;
    const stopOnSignal = (signal: NodeJS.Signals): void => {
      void server.stop().finally(() => process.kill(process.pid, signal));
    };
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    process.env[ENV_TEMPORAL_ADDRESS] = server.address;
    process.env[ENV_TEMPORAL_NAMESPACE] = server.namespace;
  }
  process.env[ENV_TEMPORAL_NAMESPACE] ??= 'default';
  const bundle = await bundling;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'vodflow-bundle-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env[ENV_WORKFLOW_BUNDLE] = bundlePath;
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};
