import { startTemporalDevServer } from '../devstack/temporal-server';

// `make demo`: the embedded local stack, until Ctrl-C. The pipeline demo grows from here.
async function main(): Promise<void> {
  console.log('starting the Temporal dev server…');
  const temporal = await startTemporalDevServer({ ui: true, logLevel: 'error' });
  console.log(`Temporal frontend: ${temporal.address} (namespace ${temporal.namespace})`);
  console.log(`Temporal Web UI:   ${temporal.uiUrl ?? '(disabled)'}`);
  console.log('press Ctrl-C to stop');

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('stopping…');
  await temporal.stop();
  console.log('stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
