import type { SmqEngine } from '../engine/smq-engine';
import type { FaultInjector } from '../faults';

/** What a route handler gets: the parsed request and the services it may use. */
export interface RouteContext {
  engine: SmqEngine;
  faults: FaultInjector;
  /** Operation name (SendMessage, BatchReceiveMessage...) for faults and statistics. */
  operation: string;
  queueName: string;
  query: Map<string, string>;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Scheme and host the client addressed, for Location and QueueURL. */
  baseUrl: string;
  /** Aborted when the client goes away or the server stops. */
  signal: AbortSignal;
}

export interface RouteAnswer {
  status: number;
  xml?: string;
  headers?: Record<string, string>;
}
