import { DEFAULT_ACCESS_KEY } from '../../emulators/common/default-credentials';
import { listen } from '../../emulators/common/serve';
import { buildVodEmulator, type VodEmulator, type VodEmulatorOptions } from '../../emulators/vod/app';
import type { VodFaults } from '../../emulators/vod/engine/faults';

export interface RunningVodEmulator {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  emulator: VodEmulator;
  /** Completes an upload through the admin API (→ UploadSucc, FileUploadComplete). */
  completeUpload(videoId: string): Promise<void>;
  setFaults(faults: Partial<VodFaults>): Promise<void>;
  /** API calls per action seen so far (follow-up submissions are counted here). */
  callCounts(): Promise<Record<string, number>>;
  /** Waits until no simulation, retry or delivery is under way. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

async function admin(endpoint: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${endpoint}/__admin/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok)
    throw new Error(`admin ${method} ${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Starts an in-process VOD emulator on a free loopback port. */
export async function startVodEmulator(opts: VodEmulatorOptions = {}): Promise<RunningVodEmulator> {
  const emulator = buildVodEmulator(opts);
  const listening = await listen(emulator.server, 0, '127.0.0.1');
  const endpoint = listening.url;
  const key = opts.accessKeys?.[0] ?? DEFAULT_ACCESS_KEY;
  return {
    endpoint,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    emulator,
    completeUpload: async (videoId) => {
      await admin(endpoint, 'POST', `videos/${videoId}/complete-upload`);
    },
    setFaults: async (faults) => {
      await admin(endpoint, 'PUT', 'faults', faults);
    },
    callCounts: async () =>
      ((await admin(endpoint, 'GET', 'stats')) as { calls: Record<string, number> }).calls,
    settle: async () => {
      await admin(endpoint, 'POST', 'settle');
    },
    close: async () => {
      await emulator.stop();
      await listening.close();
    },
  };
}
