import type { LogLevel as SdkLogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import type { Logger } from 'pino';
import { videoFields, type LogLevel } from './log';

// The Temporal SDK's logger interface over vodflow's pino logger: the SDK's lines (activities,
// workflows, the worker, and the core's when forwarded) keep their context fields (workflowId,
// activityType, attempt...) and gain the video id; an error in them becomes one field of one line.

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

export function sdkLoggerOver(logger: Logger): SdkLogger {
  const log = (level: SdkLogLevel, message: string, meta: LogMetadata = {}): void => {
    logger[PINO_LEVEL[level]]({ ...meta, ...videoFields(meta.workflowId) }, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/** The SDK's level for vodflow's LOG_LEVEL (the core has no fatal, nor silent). */
export function sdkLevel(level: LogLevel): SdkLogLevel {
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
      return 'INFO';
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}
