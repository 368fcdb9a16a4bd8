import { Context } from '@temporalio/activity';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { videoIdFromWorkflowId } from '../common/workflow-ids';

// The one log sink of a vodflow process: vodflow's own lines, the Temporal SDK's and its core's
// (see runtime.ts) all go through one pino logger. JSON lines by default (one object per line,
// nothing else on stdout), readable colours only when stdout is a terminal. Fields carry video,
// workflow and message ids, never secrets.

export type LogLevel = Level | 'silent';

/** What vodflow's code logs through: a message and its fields. */
export interface JsonLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  level: LogLevel,
  destination: DestinationStream = process.stdout.isTTY
    ? pretty({ colorize: true, messageKey: 'message' })
    : pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Error objects become one field (type, message, stack) of the line, not lines of their own.
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
      base: { pid: process.pid },
      mixin: activityContext,
    },
    destination,
  );
}

/** vodflow's log interface over the logger, for one component (worker, poller...). */
export function jsonLog(logger: Logger, component: string): JsonLog {
  const child = logger.child({ component });
  return {
    info: (message, fields) => child.info(fields ?? {}, message),
    warn: (message, fields) => child.warn(fields ?? {}, message),
    error: (message, fields) => child.error(fields ?? {}, message),
  };
}

export const SILENT_LOG: JsonLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The video a workflow id names, for lines that carry a workflow id. */
export function videoFields(workflowId: unknown): { videoId?: string } {
  const videoId = typeof workflowId === 'string' ? videoIdFromWorkflowId(workflowId) : undefined;
  return videoId ? { videoId } : {};
}

// A line written while an activity runs says which one: workflow, video, activity and attempt.
function activityContext(): Record<string, unknown> {
  let info;
  try {
    info = Context.current().info;
  } catch {
    return {};
  }
  const workflowId = info.workflowExecution?.workflowId;
  return { workflowId, ...videoFields(workflowId), activityType: info.activityType, attempt: info.attempt };
}
