import { z } from 'zod';

// How one poller activity run drains its queue. Part of the consumer workflow's input; `vodflow
// consume` gives running consumers new settings by update, which their next poller run uses.
//
// The consumer workflow validates updates with this schema, so it is in the workflow bundle, which
// every video execution evaluates too: the schema is built on first use, not when the module loads
// (zod schemas cost memory per cached execution).
const buildSchema = () =>
  z.object({
    /** How long one activity run polls before it returns (the consumer starts the next run). */
    runForMs: z
      .number()
      .int()
      .min(1_000)
      .max(60 * 60_000)
      .default(5 * 60_000),
    /** BatchReceiveMessage size (SMQ allows 1–16). */
    batchSize: z.number().int().min(1).max(16).default(16),
    /** Long-poll wait per receive (SMQ allows 0–30 s). */
    waitSeconds: z.number().int().min(0).max(30).default(10),
    /** Receive loops running side by side: more hide receive latency behind signalling. */
    receivers: z.number().int().min(1).max(32).default(2),
    /**
     * One signal per video and received batch (its events in order) instead of one per message:
     * fewer signal-with-starts and workflow tasks when a video's events arrive together.
     */
    coalesceEvents: z.boolean().default(true),
    /** Signals in flight at once across the run. */
    signalConcurrency: z.number().int().min(1).max(512).default(64),
    /**
     * Visibility timeout the queue gives a received message, in seconds. Messages still being
     * signalled after half of it get it extended (ChangeMessageVisibility).
     */
    visibilityTimeoutSeconds: z.number().int().min(1).max(43_200).default(30),
    /**
     * A message whose signal failed is made visible again after this many seconds (at once: 1, SMQ's
     * least) instead of after the rest of its visibility timeout; 0 leaves it to its timeout.
     */
    retryFailedAfterSeconds: z.number().int().min(0).max(43_200).default(1),
    /** A poller silent for this long is presumed dead (its worker crashed) and restarted elsewhere. */
    heartbeatTimeoutMs: z
      .number()
      .int()
      .min(2_000)
      .max(10 * 60_000)
      .default(30_000),
    /** Bodies larger than this are quarantined without decoding. */
    maxBodyBytes: z.number().int().min(1_024).max(65_536).default(65_536),
  });

let schema: ReturnType<typeof buildSchema> | undefined;

export type PollerOptions = z.output<ReturnType<typeof buildSchema>>;
export type PollerOptionsInput = z.input<ReturnType<typeof buildSchema>>;

/** The options with their defaults; throws a ZodError naming each bad field. */
export function parsePollerOptions(input: unknown): PollerOptions {
  schema ??= buildSchema();
  return schema.parse(input);
}
