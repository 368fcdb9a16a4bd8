import type { QueueRef } from '../common/config';
import type { LocalStack } from './local-stack';

/** The queue of the local stack: VOD's callback writes into it, the consumers read it. */
export const DEV_QUEUE: Readonly<QueueRef> = Object.freeze({ region: 'cn-shanghai', queue: 'vod-events' });

/** Everything that points vodflow (worker, consume, CLI) at a local stack. */
export function devSettings(stack: Pick<LocalStack, 'env'>): Record<string, string> {
  return {
    ...stack.env,
    VODFLOW_QUEUES: `${DEV_QUEUE.region}:${DEV_QUEUE.queue}`,
    // The VOD emulator accepts any template group; a real one comes from the VOD console.
    VODFLOW_TEMPLATE_GROUP_ID: 'local-template-group',
  };
}

/** Shell lines that export the settings, e.g. for `eval` or a .env file (without `export`). */
export function settingLines(settings: Record<string, string>, prefix: 'export ' | '' = 'export '): string[] {
  return Object.entries(settings).map(([name, value]) => `${prefix}${name}=${value}`);
}
