import { Limiter } from '../../activities/limiter';
import type { SmqClient } from '../../clients/smq';
import { decodeMessageBody, encodeEventBody, videoIdOf, type DecodedEvent } from '../../common/events';
import { eventsForVideo, syntheticVideoId } from './synthetic-events';

export const EVENTS_PER_VIDEO = 10;

export interface Throughput {
  events: number;
  seconds: number;
  perSecond: number;
}

export function throughput(events: number, startedAt: number): Throughput {
  const seconds = (Date.now() - startedAt) / 1000;
  return { events, seconds, perSecond: events / seconds };
}

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
