import { condition, setHandler } from '@temporalio/workflow';
import { entityEventSignal, entityStageQuery } from './entity-definitions';

// The benchmark's independent ceiling: the least an entity workflow fed by signal-with-start can do
// (a dedup set and a stage; no search attributes, no activities, no timers). It never closes, like
// a video workflow in a real deployment.
export async function entityWorkflow(): Promise<void> {
  const seen = new Set<string>();
  let stage = 'new';
  setHandler(entityEventSignal, ({ messageId, event }) => {
    if (seen.has(messageId)) return;
    seen.add(messageId);
    stage = event.EventType;
  });
  setHandler(entityStageQuery, () => ({ stage, applied: seen.size }));
  await condition(() => false);
}
