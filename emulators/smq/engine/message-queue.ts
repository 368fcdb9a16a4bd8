import { MinHeap } from './min-heap';
import { newReceiptHandle } from './receipt-handle';
import type {
  PeekedMessage,
  QueueAttributes,
  QueueCounters,
  QueueInfo,
  ReceivedMessage,
  StoredMessage,
} from './types';

interface Slot {
  message: StoredMessage;
  /** Bumped on every state change so that heap entries left behind are recognised as stale. */
  generation: number;
}

interface HeapEntry {
  slot: Slot;
  generation: number;
}

interface TimerEntry extends HeapEntry {
  at: number;
}

export interface Transition {
  kind: 'received' | 'changed' | 'expired' | 'deleted';
  message: StoredMessage;
}

/**
 * One queue's messages. Visible messages sit in a heap by (priority, arrival); delayed and inflight
 * ones in a heap by the time they become visible; heaps are cleaned lazily, so each receive, delete
 * or visibility change costs O(log n) whatever the queue length.
 */
export class MessageQueue {
  private readonly slots = new Map<string, Slot>();
  private readonly handles = new Map<string, Slot>();
  private readonly visible = new MinHeap<HeapEntry>(
    (a, b) =>
      a.slot.message.priority < b.slot.message.priority ||
      (a.slot.message.priority === b.slot.message.priority && a.slot.message.seq < b.slot.message.seq),
  );
  private readonly timers = new MinHeap<TimerEntry>((a, b) => a.at < b.at);
  private readonly expiries = new MinHeap<HeapEntry>(
    (a, b) => a.slot.message.expiresAt < b.slot.message.expiresAt,
  );
  private readonly waiters = new Set<() => void>();
  readonly counters: QueueCounters = { active: 0, inactive: 0, delayed: 0 };

  constructor(readonly info: QueueInfo) {}

  get attributes(): QueueAttributes {
    return this.info.attributes;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Adds a message in whatever state it carries (new sends and journal replay alike). */
  add(message: StoredMessage): void {
    const slot: Slot = { message, generation: 0 };
    this.slots.set(message.id, slot);
    this.expiries.push({ slot, generation: 0 });
    this.count(message.state, +1);
    this.place(slot);
    if (message.state === 'visible') this.wakeWaiters();
  }

  /**
   * Applies what time has done: drops messages past retention, makes delayed and inflight messages
   * whose time has come visible (killing their handles). Returns the messages that expired.
   */
  tick(now: number): StoredMessage[] {
    const expired: StoredMessage[] = [];
    for (
      let top = this.expiries.peek();
      top && top.slot.message.expiresAt <= now;
      top = this.expiries.peek()
    ) {
      this.expiries.pop();
      if (this.slots.get(top.slot.message.id) !== top.slot) continue;
      this.remove(top.slot);
      expired.push(top.slot.message);
    }
    let becameVisible = false;
    for (let top = this.timers.peek(); top && top.at <= now; top = this.timers.peek()) {
      this.timers.pop();
      const slot = top.slot;
      if (this.slots.get(slot.message.id) !== slot || slot.generation !== top.generation) continue;
      this.setState(slot, 'visible');
      slot.message.visibleAt = top.at;
      if (slot.message.receiptHandle) this.handles.delete(slot.message.receiptHandle);
      slot.message.receiptHandle = undefined;
      slot.generation++;
      this.place(slot);
      becameVisible = true;
    }
    if (becameVisible) this.wakeWaiters();
    return expired;
  }

  /** Takes up to `max` visible messages, best priority and oldest first, making them inflight. */
  receive(max: number, now: number, visibilitySeconds: number): StoredMessage[] {
    const taken: StoredMessage[] = [];
    while (taken.length < max) {
      const slot = this.popVisible();
      if (!slot) break;
      const message = slot.message;
      this.setState(slot, 'inflight');
      message.dequeueCount++;
      message.firstDequeueTime ??= now;
      this.assignHandle(slot, now + visibilitySeconds * 1000);
      taken.push(message);
    }
    return taken;
  }

  /** The next up to `max` visible messages in receive order, untouched. */
  peek(max: number): StoredMessage[] {
    const popped: Slot[] = [];
    while (popped.length < max) {
      const slot = this.popVisible();
      if (!slot) break;
      popped.push(slot);
    }
    for (const slot of popped) this.visible.push({ slot, generation: slot.generation });
    return popped.map((slot) => slot.message);
  }

  /** The message a live handle belongs to, or undefined for a dead (superseded, expired, used) one. */
  byHandle(handle: string): StoredMessage | undefined {
    return this.handles.get(handle)?.message;
  }

  deleteByHandle(handle: string): StoredMessage | undefined {
    const slot = this.handles.get(handle);
    if (!slot) return undefined;
    this.remove(slot);
    return slot.message;
  }

  changeVisibility(handle: string, now: number, seconds: number): StoredMessage | undefined {
    const slot = this.handles.get(handle);
    if (!slot) return undefined;
    this.assignHandle(slot, now + seconds * 1000);
    return slot.message;
  }

  /** Fault injection: the message is visible again at once, its handle still live until received. */
  releaseForDuplicate(id: string, now: number): void {
    const slot = this.slots.get(id);
    if (!slot || slot.message.state !== 'inflight') return;
    this.setState(slot, 'visible');
    slot.message.visibleAt = now;
    slot.generation++;
    this.place(slot);
    this.wakeWaiters();
  }

  /** Time at which the next delayed/inflight message may become visible (maybe stale: only a hint). */
  nextDueTime(): number | undefined {
    const timer = this.timers.peek()?.at;
    const expiry = this.expiries.peek()?.slot.message.expiresAt;
    if (timer === undefined) return expiry;
    if (expiry === undefined) return timer;
    return Math.min(timer, expiry);
  }

  all(): StoredMessage[] {
    return [...this.slots.values()].map((slot) => slot.message);
  }

  addWaiter(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }

  static toReceived(message: StoredMessage): ReceivedMessage {
    return {
      messageId: message.id,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      bodyMd5: message.bodyMd5,
      enqueueTime: message.enqueueTime,
      nextVisibleTime: message.visibleAt,
      firstDequeueTime: message.firstDequeueTime ?? message.enqueueTime,
      dequeueCount: message.dequeueCount,
      priority: message.priority,
    };
  }

  static toPeeked(message: StoredMessage): PeekedMessage {
    return {
      messageId: message.id,
      body: message.body,
      bodyMd5: message.bodyMd5,
      enqueueTime: message.enqueueTime,
      // Unconfirmed: a never-received message shows 0 rather than an empty element.
      firstDequeueTime: message.firstDequeueTime ?? 0,
      dequeueCount: message.dequeueCount,
      priority: message.priority,
    };
  }

  private assignHandle(slot: Slot, visibleAt: number): void {
    const message = slot.message;
    if (message.receiptHandle) this.handles.delete(message.receiptHandle);
    message.receiptHandle = newReceiptHandle();
    this.handles.set(message.receiptHandle, slot);
    message.visibleAt = visibleAt;
    slot.generation++;
    this.place(slot);
  }

  private place(slot: Slot): void {
    const entry = { slot, generation: slot.generation };
    if (slot.message.state === 'visible') this.visible.push(entry);
    else {
      this.timers.push({ ...entry, at: slot.message.visibleAt });
      if (slot.message.receiptHandle) this.handles.set(slot.message.receiptHandle, slot);
    }
  }

  private popVisible(): Slot | undefined {
    for (let entry = this.visible.pop(); entry; entry = this.visible.pop()) {
      const slot = entry.slot;
      if (this.slots.get(slot.message.id) === slot && slot.generation === entry.generation) return slot;
    }
    return undefined;
  }

  private remove(slot: Slot): void {
    this.slots.delete(slot.message.id);
    if (slot.message.receiptHandle) this.handles.delete(slot.message.receiptHandle);
    this.count(slot.message.state, -1);
    slot.generation++;
  }

  private setState(slot: Slot, state: StoredMessage['state']): void {
    this.count(slot.message.state, -1);
    slot.message.state = state;
    this.count(state, +1);
  }

  private count(state: StoredMessage['state'], delta: number): void {
    if (state === 'visible') this.counters.active += delta;
    else if (state === 'inflight') this.counters.inactive += delta;
    else this.counters.delayed += delta;
  }
}
