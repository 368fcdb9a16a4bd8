import { DEFAULT_ACCESS_KEY } from '../emulators/common/default-credentials';
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process';
import { startTemporalDevServer, type TemporalDevServer } from './temporal-server';

export interface LocalStackOptions {
  /** Serve the Temporal Web UI. */
  ui?: boolean;
  /** Extra flags for the VOD emulator (durations, faults, seed). */
  vodArgs?: string[];
  smqArgs?: string[];
  dbFilename?: string;
  /** Fixed ports (`vodflow dev`); free ones by default. */
  ports?: Partial<LocalStackPorts>;
}

export interface LocalStackPorts {
  temporal: number;
  temporalUi: number;
  smq: number;
  vod: number;
}

export interface LocalStack {
  temporal: TemporalDevServer;
  smq: EmulatorProcess;
  vod: EmulatorProcess;
  /** Configuration (as environment variables) that points vodflow at this stack. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The configuration (environment variables) that points vodflow at a local stack's parts. */
export function localStackEnv(
  temporal: Pick<TemporalDevServer, 'address' | 'namespace'>,
  smqUrl: string,
  vodUrl: string,
): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    SMQ_ENDPOINT: smqUrl,
    VOD_ENDPOINT: vodUrl,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
  };
}

// The embedded local stack: Temporal dev server, SMQ emulator and VOD emulator, each its own process
// tied to this one, on free loopback ports.
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const [temporal, smq] = await Promise.all([
    startTemporalDevServer({
      ui: options.ui,
      dbFilename: options.dbFilename,
      logLevel: 'error',
      port: options.ports?.temporal,
      uiPort: options.ports?.temporalUi,
    }),
    startEmulatorProcess('smq', ['--port', String(options.ports?.smq ?? 0), ...(options.smqArgs ?? [])]),
  ]);
  const vod = await startEmulatorProcess('vod', [
    '--port',
    String(options.ports?.vod ?? 0),
    '--smq-endpoint',
    smq.url,
    ...(options.vodArgs ?? []),
  ]);
  const env = localStackEnv(temporal, smq.url, vod.url);
  return {
    temporal,
    smq,
    vod,
    env,
    async close() {
      await Promise.all([vod.stop(), smq.stop()]);
      await temporal.stop();
    },
  };
}
