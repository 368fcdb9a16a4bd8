import { DEFAULT_ACCESS_KEY } from '../../emulators/common/default-credentials';
import { listen } from '../../emulators/common/serve';
import { buildSmqEmulator, type SmqEmulator, type SmqEmulatorOptions } from '../../emulators/smq/app';
import { SmqAdminClient } from '../../clients/smq/admin-client';

export interface RunningSmqEmulator {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  emulator: SmqEmulator;
  /** Typed client of the emulator's /__admin/ API (inspection, counters, faults). */
  admin: SmqAdminClient;
  close(): Promise<void>;
}

/** Starts an in-process SMQ emulator on a free loopback port. */
export async function startSmqEmulator(opts: SmqEmulatorOptions = {}): Promise<RunningSmqEmulator> {
  const emulator = buildSmqEmulator(opts);
  const listening = await listen(emulator.server, 0, '127.0.0.1');
  const key = opts.accessKeys?.[0] ?? DEFAULT_ACCESS_KEY;
  return {
    endpoint: listening.url,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    emulator,
    admin: new SmqAdminClient(listening.url),
    close: async () => {
      await emulator.stop();
      await listening.close();
    },
  };
}
