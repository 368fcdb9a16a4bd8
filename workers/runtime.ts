import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { LogLevel } from './log';
import { PROMETHEUS_OPTIONS } from './metrics-options';
import { sdkLevel, sdkLoggerOver } from './sdk-logger';

// The process-wide Temporal runtime: the SDK's log (activities, workflows, the worker) and its
// core's (forwarded, instead of coloured text on the console) go to vodflow's logger; when an
// address is given, a Prometheus /metrics endpoint serves the SDK's metrics and vodflow's.
export function installRuntime(options: {
  logger: Logger;
  level: LogLevel;
  metricsAddress?: string;
  /** Signals on which the SDK shuts workers down (default SIGINT, SIGTERM and others); [] for none. */
  shutdownSignals?: NodeJS.Signals[];
}): void {
  const level = sdkLevel(options.level);
  Runtime.install({
    ...(options.shutdownSignals ? { shutdownSignals: options.shutdownSignals } : {}),
    logger: sdkLoggerOver(options.logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: { core: level, other: 'ERROR' }, forward: {} },
      metrics: options.metricsAddress
        ? { prometheus: { bindAddress: options.metricsAddress, ...PROMETHEUS_OPTIONS } }
        : undefined,
    },
  });
}
