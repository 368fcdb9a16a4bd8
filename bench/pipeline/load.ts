import { Limiter } from '../../activities/limiter';
import type { SmqClient } from '../../clients/smq';
import { decodeMessageBody, encodeEventBody, videoIdOf, type DecodedEvent } from '../../common/events';
import { eventsForVideo, syntheticVideoId } from './synthetic-events';

export const EVENTS_PER_VIDEO = 10;

export interface Throughput {
  events: number;
  seconds: number;
  /** Events recorded by Temporal (signals accepted) per second: what allows a message's delete. */
  perSecond: number;
  /** Events applied in their workflows' state per second (workflow tasks lag behind signals). */
  appliedPerSecond?: number;
}

export function throughput(events: number, startedAt: number): Throughput {
  const seconds = (Date.now() - startedAt) / 1000;
  return { events, seconds, perSecond: events / seconds };
}

/**
 * Waits until the workflows of the last `last` of `videoIds` show all their events applied (work
 * runs roughly in order, so the rest are done too), then adds the applied rate to `result`. A
 * query that fails (a worker busy with a backlog) is asked again.
 */
export async function withAppliedRate<T extends Throughput>(
  result: T,
  startedAt: number,
  videoIds: string[],
  appliedOf: (videoId: string) => Promise<number>,
  last = 10,
): Promise<T> {
  const giveUpAt = Date.now() + APPLY_TIMEOUT_MS;
  for (const videoId of videoIds.slice(-last)) {
    for (;;) {
      const applied = await appliedOf(videoId).catch(() => 0);
      if (applied >= EVENTS_PER_VIDEO) break;
      if (Date.now() > giveUpAt) throw new Error(`${videoId} did not apply its events in time`);
      await sleep(100);
    }
  }
  return { ...result, appliedPerSecond: result.events / ((Date.now() - startedAt) / 1000) };
}

const APPLY_TIMEOUT_MS = 30 * 60_000;

/** `count` SMQ bodies (Base64 JSON, as VOD writes them) for count/10 fresh videos. */
export function bodiesFor(run: string, count: number): { videoIds: string[]; bodies: string[] } {
  const videoIds = Array.from({ length: Math.ceil(count / EVENTS_PER_VIDEO) }, (_, i) =>
    syntheticVideoId(run, i),
  );
  const start = Date.UTC(2026, 10, 25, 8, 0, 0);
  const bodies = videoIds
    .flatMap((videoId) => eventsForVideo(videoId, start))
    .slice(0, count)
    .map((event) => encodeEventBody(event, 'base64'));
  return { videoIds, bodies };
}

export function decodeOrThrow(body: string): { event: DecodedEvent; videoId: string } {
  const decoded = decodeMessageBody(body);
  if (!decoded.ok) throw new Error(`benchmark body does not decode: ${decoded.error.message}`);
  const videoId = videoIdOf(decoded.event);
  if (!videoId) throw new Error('benchmark event names no video');
  return { event: decoded.event, videoId };
}

export async function preload(queue: SmqClient, bodies: string[]): Promise<void> {
  const limiter = new Limiter(8);
  const batches: string[][] = [];
  for (let i = 0; i < bodies.length; i += 16) batches.push(bodies.slice(i, i + 16));
  await Promise.all(
    batches.map((batch) =>
      limiter.run(async () => {
        const { failed } = await queue.sendMessages(batch);
        if (failed.length > 0) throw new Error(`preload: ${failed.length} sends failed (${failed[0]?.code})`);
      }),
    ),
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
