import { EventLedger } from './event-ledger';
import type { QueueAddress } from './queue-writer';

// What happened to each event VOD tried to send: kept for the admin API, bounded in size.

export const MAX_LOGGED_DELIVERIES = 2_000;

export type DropReason = 'write-failed' | 'fault-injected' | 'http-callback-not-emulated' | 'no-queue';

export interface DeliveryRecord {
  eventType: string;
  mediaId?: string;
  queue?: QueueAddress;
  attempts: number;
  at: number;
  /** Which emitted event this record is a copy of. */
  occurrence?: number;
  body: string;
  reason?: DropReason;
  lastError?: string;
}

export interface DeliveryCounters {
  /** Events handed to delivery (after the EventTypeList filter). */
  emitted: number;
  written: number;
  writeAttempts: number;
  failedAttempts: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  /** Events not sent because no configuration enabled their type. */
  notEnabled: number;
}

export class DeliveryLog {
  readonly counters: DeliveryCounters = {
    emitted: 0,
    written: 0,
    writeAttempts: 0,
    failedAttempts: 0,
    dropped: 0,
    duplicated: 0,
    reordered: 0,
    notEnabled: 0,
  };
  readonly droppedByType: Record<string, number> = {};
  readonly ledger = new EventLedger();
  private readonly writtenRecords: DeliveryRecord[] = [];
  private readonly droppedRecords: DeliveryRecord[] = [];

  recordEmitted(record: Pick<DeliveryRecord, 'eventType' | 'mediaId'>): void {
    this.counters.emitted++;
    this.ledger.record(record.mediaId, record.eventType, 'emitted');
  }

  recordWritten(record: DeliveryRecord): void {
    this.counters.written++;
    this.ledger.record(record.mediaId, record.eventType, 'written', record.occurrence);
    push(this.writtenRecords, record);
  }

  recordDropped(record: DeliveryRecord): void {
    this.counters.dropped++;
    this.ledger.record(record.mediaId, record.eventType, 'dropped');
    this.droppedByType[record.eventType] = (this.droppedByType[record.eventType] ?? 0) + 1;
    push(this.droppedRecords, record);
  }

  written(): readonly DeliveryRecord[] {
    return this.writtenRecords;
  }

  dropped(): readonly DeliveryRecord[] {
    return this.droppedRecords;
  }
}

function push(list: DeliveryRecord[], record: DeliveryRecord): void {
  list.push(record);
  if (list.length > MAX_LOGGED_DELIVERIES) list.shift();
}
