import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Clock } from '../../common/clock';
import { SmqFault } from '../errors';
import {
  DEFAULT_PRIORITY,
  MAX_BATCH_SIZE,
  MAX_QUEUES_PER_ACCOUNT,
  MESSAGE_DELAY_RANGE,
  PRIORITY_RANGE,
  QUEUE_NAME_MAX_LENGTH,
  QUEUE_NAME_PATTERN,
  VISIBILITY_TIMEOUT_RANGE,
  WAIT_SECONDS_RANGE,
} from '../limits';
import { checkRange, resolveAttributes, sameAttributes } from './attributes';
import { newMessageId } from './message-id';
import { MessageQueue } from './message-queue';
import { looksLikeReceiptHandle } from './receipt-handle';
import { NO_STORE, type EngineStore } from './store';
import type {
  EngineStats,
  PeekedMessage,
  QueueAttributes,
  QueueCounters,
  QueueInfo,
  ReceivedMessage,
  SendInput,
  SentMessage,
  StoredMessage,
} from './types';

export interface ReceiveOptions {
  max: number;
  /** Absent → the queue's PollingWaitSeconds. */
  waitSeconds?: number;
  /** Ends a long poll early (client gone); the answer is then whatever was found, usually nothing. */
  signal?: AbortSignal;
  /** Fault injection: asked per received message; true makes it receivable again at once. */
  duplicate?: () => boolean;
}

export type CreateQueueOutcome = 'created' | 'exists';

// A long poll re-checks at most this often even without news, so a missed wake-up costs little.
const MAX_IDLE_CHECK_MS = 1000;
// Bound on long-poll iterations: each one is a wake-up or a timer, so this is never reached in practice.
const MAX_POLL_ITERATIONS = 100_000;

export function md5UpperHex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/** SMQ semantics without HTTP: queues, visibility, handles, long polls. */
export class SmqEngine {
  private readonly queues = new Map<string, MessageQueue>();
  private readonly stopping = new AbortController();
  private seq = 0;
  readonly stats: EngineStats = {
    sent: 0,
    received: 0,
    deleted: 0,
    expired: 0,
    visibilityChanges: 0,
    redelivered: 0,
  };

  constructor(
    readonly clock: Clock,
    private readonly store: EngineStore = NO_STORE,
  ) {
    // Every waiting long poll listens to this one signal; there may be many at once.
    setMaxListeners(0, this.stopping.signal);
  }

  // ---- queues ----

  createQueue(name: string, given: Partial<QueueAttributes> = {}): CreateQueueOutcome {
    checkQueueName(name);
    const existing = this.queues.get(name);
    if (existing) {
      const wanted = resolveAttributes(given);
      if (sameAttributes(wanted, existing.attributes)) return 'exists';
      throw new SmqFault('QueueAlreadyExist', `The queue ${name} already exists with other attributes.`);
    }
    if (this.queues.size >= MAX_QUEUES_PER_ACCOUNT) throw new SmqFault('QueueNumExceeded');
    const now = this.clock.now();
    const info: QueueInfo = {
      name,
      attributes: resolveAttributes(given),
      createTime: now,
      lastModifyTime: now,
    };
    this.queues.set(name, new MessageQueue(info));
    this.store.saveQueue(info);
    return 'created';
  }

  setQueueAttributes(name: string, given: Partial<QueueAttributes>): void {
    const queue = this.queue(name);
    queue.info.attributes = resolveAttributes(given, queue.attributes);
    queue.info.lastModifyTime = this.clock.now();
    this.store.saveQueue(queue.info);
  }

  deleteQueue(name: string): void {
    const queue = this.queue(name);
    this.queues.delete(name);
    queue.wakeWaiters();
    this.store.dropQueue(name);
  }

  getQueue(name: string): { info: QueueInfo; counters: QueueCounters } {
    const queue = this.queue(name);
    this.tick(queue);
    return { info: queue.info, counters: { ...queue.counters } };
  }

  /** Queue names in order, from after `marker`, at most `limit`; `nextMarker` when more remain. */
  listQueues(prefix: string, marker: string, limit: number): { names: string[]; nextMarker?: string } {
    const names = [...this.queues.keys()]
      .filter((name) => name.startsWith(prefix) && (marker === '' || name >= marker))
      .sort();
    const page = names.slice(0, limit);
    return { names: page, nextMarker: names.length > limit ? names[limit] : undefined };
  }

  // ---- messages ----

  send(queueName: string, inputs: SendInput[]): SentMessage[] {
    const queue = this.queue(queueName);
    if (inputs.length < 1 || inputs.length > MAX_BATCH_SIZE)
      throw new SmqFault('InvalidArgument', `A batch holds 1 to ${MAX_BATCH_SIZE} messages.`);
    const now = this.clock.now();
    const messages = inputs.map((input) => this.newMessage(queue, input, now));
    return messages.map((message) => {
      queue.add(message);
      this.store.saveMessage(queueName, message);
      this.stats.sent++;
      return { messageId: message.id, bodyMd5: message.bodyMd5 };
    });
  }

  /** Validates one message against the queue without storing it (batch sends report per item). */
  checkMessage(queueName: string, input: SendInput): void {
    this.newMessage(this.queue(queueName), input, this.clock.now());
  }

  /** Long-polls for up to `max` messages; [] when none came within the wait. */
  async receive(queueName: string, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    let queue = this.queue(queueName);
    checkRange('numOfMessages', options.max, { min: 1, max: MAX_BATCH_SIZE, unit: 'bytes' });
    const waitSeconds = options.waitSeconds ?? queue.attributes.PollingWaitSeconds;
    checkRange('waitseconds', waitSeconds, WAIT_SECONDS_RANGE);
    const deadline = this.clock.now() + waitSeconds * 1000;
    for (let iteration = 0; iteration < MAX_POLL_ITERATIONS; iteration++) {
      const taken = this.takeNow(queue, options);
      if (taken.length > 0) return taken;
      const now = this.clock.now();
      if (now >= deadline || options.signal?.aborted || this.stopping.signal.aborted) return [];
      await this.waitForNews(queue, deadline, options.signal);
      const current = this.queues.get(queueName);
      if (current !== queue || !current) return [];
      queue = current;
    }
    return [];
  }

  peek(queueName: string, max: number): PeekedMessage[] {
    const queue = this.queue(queueName);
    checkRange('numOfMessages', max, { min: 1, max: MAX_BATCH_SIZE, unit: 'bytes' });
    this.tick(queue);
    return queue.peek(max).map((message) => MessageQueue.toPeeked(message));
  }

  deleteMessage(queueName: string, handle: string): void {
    const queue = this.queue(queueName);
    checkHandle(handle);
    this.tick(queue);
    const message = queue.deleteByHandle(handle);
    if (!message) throw deadHandle(handle);
    this.store.dropMessage(queueName, message.id);
    this.stats.deleted++;
  }

  /** Deletes what it can; returns the failures per handle (the others are gone). */
  deleteMessages(queueName: string, handles: string[]): { handle: string; fault: SmqFault }[] {
    this.queue(queueName);
    if (handles.length < 1 || handles.length > MAX_BATCH_SIZE)
      throw new SmqFault('InvalidArgument', `A batch holds 1 to ${MAX_BATCH_SIZE} receipt handles.`);
    const failures: { handle: string; fault: SmqFault }[] = [];
    for (const handle of handles) {
      try {
        this.deleteMessage(queueName, handle);
      } catch (error) {
        if (!(error instanceof SmqFault)) throw error;
        failures.push({ handle, fault: error });
      }
    }
    return failures;
  }

  changeVisibility(
    queueName: string,
    handle: string,
    seconds: number,
  ): { receiptHandle: string; nextVisibleTime: number } {
    const queue = this.queue(queueName);
    checkHandle(handle);
    checkRange('VisibilityTimeout', seconds, VISIBILITY_TIMEOUT_RANGE);
    const now = this.clock.now();
    this.tick(queue);
    const message = queue.changeVisibility(handle, now, seconds);
    if (!message?.receiptHandle) throw deadHandle(handle);
    this.store.saveMessage(queueName, message);
    this.stats.visibilityChanges++;
    return { receiptHandle: message.receiptHandle, nextVisibleTime: message.visibleAt };
  }

  // ---- inspection, durability, lifecycle ----

  queueNames(): string[] {
    return [...this.queues.keys()].sort();
  }

  /** Every message of a queue with its state, without touching visibility. */
  inspect(queueName: string): StoredMessage[] {
    const queue = this.queue(queueName);
    this.tick(queue);
    return queue.all().map((message) => ({ ...message }));
  }

  /** Journal replay: puts back a queue and its messages exactly as recorded. */
  restore(info: QueueInfo, messages: StoredMessage[]): void {
    const queue = new MessageQueue(info);
    this.queues.set(info.name, queue);
    for (const message of messages) {
      this.seq = Math.max(this.seq, message.seq);
      queue.add(message);
    }
  }

  snapshot(): { info: QueueInfo; messages: StoredMessage[] }[] {
    return [...this.queues.values()].map((queue) => ({ info: queue.info, messages: queue.all() }));
  }

  /** Ends every long poll at once; they answer with what they have (nothing). */
  stop(): void {
    this.stopping.abort();
    for (const queue of this.queues.values()) queue.wakeWaiters();
  }

  private takeNow(queue: MessageQueue, options: ReceiveOptions): ReceivedMessage[] {
    const now = this.clock.now();
    this.tick(queue);
    const taken = queue.receive(options.max, now, queue.attributes.VisibilityTimeout);
    const answers = taken.map((message) => MessageQueue.toReceived(message));
    for (const message of taken) {
      this.store.saveMessage(queue.info.name, message);
      this.stats.received++;
      if (message.dequeueCount > 1) this.stats.redelivered++;
      if (options.duplicate?.()) queue.releaseForDuplicate(message.id, now);
    }
    return answers;
  }

  private async waitForNews(queue: MessageQueue, deadline: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const due = queue.nextDueTime();
    const until = Math.min(
      deadline,
      due === undefined ? deadline : Math.max(due, now),
      now + MAX_IDLE_CHECK_MS,
    );
    const wake = new AbortController();
    const onAbort = (): void => wake.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.stopping.signal.addEventListener('abort', onAbort, { once: true });
    const removeWaiter = queue.addWaiter(onAbort);
    try {
      await this.clock.sleep(until - now, wake.signal);
    } finally {
      removeWaiter();
      signal?.removeEventListener('abort', onAbort);
      this.stopping.signal.removeEventListener('abort', onAbort);
    }
  }

  private tick(queue: MessageQueue): void {
    const expired = queue.tick(this.clock.now());
    for (const message of expired) {
      this.store.dropMessage(queue.info.name, message.id);
      this.stats.expired++;
    }
  }

  private newMessage(queue: MessageQueue, input: SendInput, now: number): StoredMessage {
    const bytes = Buffer.byteLength(input.body, 'utf8');
    if (bytes === 0) throw new SmqFault('MessageBodyInvalid', 'The message body is empty.');
    if (bytes > queue.attributes.MaximumMessageSize)
      throw new SmqFault(
        'MessageBodyInvalid',
        `The message body is ${bytes} bytes, above the queue's MaximumMessageSize ${queue.attributes.MaximumMessageSize}.`,
      );
    const delaySeconds = input.delaySeconds ?? queue.attributes.DelaySeconds;
    checkRange('DelaySeconds', delaySeconds, MESSAGE_DELAY_RANGE);
    const priority = input.priority ?? DEFAULT_PRIORITY;
    checkRange('Priority', priority, PRIORITY_RANGE);
    return {
      id: newMessageId(),
      seq: ++this.seq,
      body: input.body,
      bodyMd5: md5UpperHex(input.body),
      priority,
      enqueueTime: now,
      visibleAt: now + delaySeconds * 1000,
      state: delaySeconds > 0 ? 'delayed' : 'visible',
      dequeueCount: 0,
      expiresAt: now + queue.attributes.MessageRetentionPeriod * 1000,
    };
  }

  private queue(name: string): MessageQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new SmqFault('QueueNotExist', `The queue ${name} does not exist.`);
    return queue;
  }
}

function checkQueueName(name: string): void {
  if (name.length === 0 || name.length > QUEUE_NAME_MAX_LENGTH || !QUEUE_NAME_PATTERN.test(name))
    throw new SmqFault(
      'InvalidArgument',
      `The queue name must start with a letter or digit, hold only letters, digits and '-', and be at most ${QUEUE_NAME_MAX_LENGTH} characters.`,
    );
}

function checkHandle(handle: string): void {
  if (!looksLikeReceiptHandle(handle))
    throw new SmqFault('ReceiptHandleError', `The receipt handle ${handle} is not valid.`);
}

function deadHandle(handle: string): SmqFault {
  return new SmqFault(
    'MessageNotExist',
    `The receipt handle ${handle} has expired, been superseded or already been used.`,
  );
}
