import type { PublishResult } from './workflows';

// The example's one side effect: handing the entry to a CMS. Injected, so that the demo can log it
// and the tests can record it; a real deployment would call its CMS here.
export function createCmsActivities(publish: (entry: PublishResult) => Promise<void>) {
  return {
    async publishToCms(entry: PublishResult): Promise<void> {
      await publish(entry);
    },
  };
}
