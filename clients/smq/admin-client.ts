// Typed client of the SMQ emulator's /__admin/ API (inspection, counters, fault control).
import type { SmqFaults } from '../../emulators/smq/faults';

export type AdminMessageState = 'visible' | 'inflight' | 'delayed';

export interface AdminMessage {
  messageId: string;
  state: AdminMessageState;
  body: string;
  priority: number;
  dequeueCount: number;
  enqueueTime: number;
  firstDequeueTime?: number;
  visibleAt: number;
  receiptHandle?: string;
  visibleInMs: number;
}

export interface AdminQueue {
  name: string;
  active: number;
  inactive: number;
  delayed: number;
}

export interface AdminStats {
  engine: {
    sent: number;
    received: number;
    deleted: number;
    expired: number;
    visibilityChanges: number;
    redelivered: number;
  };
  requests: Record<string, number>;
  /** Authenticated requests per access key id. */
  accessKeys: Record<string, number>;
  faults: { delayed: number; errors: number; drops: number; duplicates: number; reorders: number };
}

/** The emulator's fault settings, as its admin API reads and writes them. */
export type AdminFaults = SmqFaults;

export class SmqAdminClient {
  constructor(private readonly endpoint: string) {}

  async queues(): Promise<AdminQueue[]> {
    return ((await this.request('GET', 'queues')) as { queues: AdminQueue[] }).queues;
  }

  /** Every message of the queue with its state; reading does not change visibility. */
  async messages(queue: string): Promise<AdminMessage[]> {
    return (
      (await this.request('GET', `queues/${encodeURIComponent(queue)}/messages`)) as {
        messages: AdminMessage[];
      }
    ).messages;
  }

  async stats(): Promise<AdminStats> {
    return (await this.request('GET', 'stats')) as AdminStats;
  }

  /** Changes fault settings (merged with the current ones); a seed restarts the dice. */
  async setFaults(faults: Partial<AdminFaults> & { seed?: number }): Promise<AdminFaults> {
    return (await this.request('PUT', 'faults', faults)) as AdminFaults;
  }

  async clearFaults(seed?: number): Promise<AdminFaults> {
    return (await this.request(
      'DELETE',
      seed === undefined ? 'faults' : `faults?seed=${seed}`,
    )) as AdminFaults;
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.endpoint}/__admin/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    if (!response.ok)
      throw new Error(`SMQ admin ${method} ${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }
}
