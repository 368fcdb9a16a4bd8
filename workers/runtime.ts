import { DefaultLogger, Runtime } from '@temporalio/worker';

// The process-wide Temporal runtime: warnings and errors only from the SDK's own log, and, when an
// address is given, a Prometheus /metrics endpoint with the SDK's metrics and vodflow's.
export function installRuntime(metricsAddress: string | undefined): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: metricsAddress
      ? { metrics: { prometheus: { bindAddress: metricsAddress } } }
      : undefined,
  });
}
