import type { QueueInfo, StoredMessage } from './types';

/** Where the engine records its changes; the in-memory default records nothing. */
export interface EngineStore {
  saveQueue(info: QueueInfo): void;
  dropQueue(name: string): void;
  saveMessage(queue: string, message: StoredMessage): void;
  dropMessage(queue: string, id: string): void;
}

export const NO_STORE: EngineStore = {
  saveQueue: () => undefined,
  dropQueue: () => undefined,
  saveMessage: () => undefined,
  dropMessage: () => undefined,
};
