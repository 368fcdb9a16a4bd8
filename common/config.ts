import { z } from 'zod';
import { ApplicationScope, appIdProblem } from './applications';
import { parsePollerOptions, type PollerOptions } from './poller-options';
import type { PipelinePolicy } from './pipeline-policy';
import { pipelinePolicySchema } from './pipeline-policy-schema';
import type { ReconcilePolicy } from './reconcile-policy';
import { reconcilePolicySchema } from './reconcile-policy-schema';
import { parseExtraRegions, regionProblem } from './regions';
import { DEFAULT_TASK_QUEUE, WORKER_ROLES, type WorkerRole } from './task-queues';

// The one configuration of vodflow, read from the environment (and an optional .env file loaded by
// the entry points) and validated here once. Every variable is documented in .env.example.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = z.coerce.number().int();
// Fractions allowed, so that tests and demos can use sub-second deadlines.
const seconds = z.coerce
  .number()
  .min(0)
  .max(30 * 86_400);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const queueRefSchema = z
  .string()
  .regex(/^[a-z0-9-]+:[A-Za-z0-9][A-Za-z0-9-]{0,119}(:[^:]+)?$/, 'expected region:queue[:appId]');

const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CERT_PATH: optionalText,
  TEMPORAL_TLS_KEY_PATH: optionalText,
  TEMPORAL_API_KEY: optionalText,
  VODFLOW_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** A prebuilt workflow bundle (scripts/bundle-workflows.ts); without it the worker bundles at start. */
  VODFLOW_WORKFLOW_BUNDLE: optionalText,

  ALIBABA_CLOUD_ACCESS_KEY_ID: optionalText,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: optionalText,
  ALIBABA_CLOUD_SECURITY_TOKEN: optionalText,

  /**
   * Comma-separated queues to consume, `region:queue` or `region:queue:appId` for a queue that
   * carries another application's events than VODFLOW_APP_ID, e.g. `cn-shanghai:vod-events`.
   */
  VODFLOW_QUEUES: optionalText,
  /** A hooks file (YAML or JSON): the user's own follow-ups when a video's events arrive. */
  VODFLOW_HOOKS: optionalText,
  /** The VOD application this deployment serves (VOD's default application when unset). */
  VODFLOW_APP_ID: optionalText,
  VODFLOW_SHARDS: int.min(1).max(64).default(1),
  /** Comma-separated region ids VOD opened after this release, accepted besides the known ones. */
  VODFLOW_EXTRA_REGIONS: optionalText,
  /** SMQ account id, used to build `https://<account>.mns.<region>.aliyuncs.com`. */
  SMQ_ACCOUNT_ID: optionalText,
  /** One endpoint for every region (the emulator, or a proxy). Overrides SMQ_ACCOUNT_ID. */
  SMQ_ENDPOINT: optionalText,
  /** VOD API endpoint for every region (the emulator). Default: vod.<region>.aliyuncs.com. */
  VOD_ENDPOINT: optionalText,

  VODFLOW_TRANSCODE: z.enum(['submit', 'auto', 'off']).default('submit'),
  VODFLOW_TEMPLATE_GROUP_ID: optionalText,
  VODFLOW_SNAPSHOT: bool.default(true),
  VODFLOW_SNAPSHOT_TEMPLATE_ID: optionalText,
  VODFLOW_AI_AUDIT: bool.default(true),
  VODFLOW_AI_AUDIT_TEMPLATE_ID: optionalText,
  VODFLOW_AI_TAG: bool.default(false),
  VODFLOW_ADOPT: z.enum(['off', 'record', 'submit']).default('record'),
  VODFLOW_ADOPT_AFTER_HOURS: z.coerce.number().positive().max(8_760).default(24),
  VODFLOW_AI_DNA: bool.default(false),
  VODFLOW_DNA_DB_ID: optionalText,
  VODFLOW_MAX_ATTEMPTS: int.min(1).max(20).default(3),
  VODFLOW_RETRY_INITIAL_MS: int.min(0).default(30_000),

  VODFLOW_POLL_WAIT_SECONDS: int.min(0).max(30).default(10),
  VODFLOW_POLL_RECEIVERS: int.min(1).max(32).default(2),
  VODFLOW_SIGNAL_CONCURRENCY: int.min(1).max(512).default(64),
  /** One signal per video and received batch instead of one per message. */
  VODFLOW_COALESCE_EVENTS: bool.default(true),
  VODFLOW_VISIBILITY_TIMEOUT_SECONDS: int.min(1).max(43_200).default(30),
  VODFLOW_POLL_RUN_MINUTES: int.min(1).max(60).default(5),
  VODFLOW_POLL_HEARTBEAT_TIMEOUT_SECONDS: int.min(2).max(600).default(30),
  /** A message whose signal failed comes back after this many seconds; 0: after its visibility timeout. */
  VODFLOW_RETRY_FAILED_AFTER_SECONDS: int.min(0).max(43_200).default(1),

  /**
   * Workflow executions a worker keeps in memory between their tasks. Each one costs memory for as
   * long as it stays cached; one that is evicted is rebuilt by replaying its history on its next
   * task. Bounds the worker's memory whatever the number of open videos.
   */
  VODFLOW_WORKER_MAX_CACHED_WORKFLOWS: int.min(0).max(100_000).default(250),
  /** What this worker process takes: workflows, pollers, vod-reads, vod-writes (comma-separated). */
  VODFLOW_WORKER_ROLES: z
    .string()
    .default(WORKER_ROLES.join(','))
    .transform((text) => text.split(',').map((role) => role.trim()))
    .pipe(z.array(z.enum(WORKER_ROLES)).min(1)),
  /** Workflow tasks a worker runs at once. */
  VODFLOW_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: int.min(2).max(1_000).default(40),

  /** Least level the worker logs (its own lines, the Temporal SDK's and its core's). */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  /** host:port of the worker's Prometheus /metrics (SDK and vodflow metrics); unset: no endpoint. */
  VODFLOW_METRICS_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:9464')
    .optional(),

  VODFLOW_FOLLOW_UP_TIMEOUT_SECONDS: int.min(1).max(3_600).default(60),
  VODFLOW_IDLE_CLOSE_DAYS: z.coerce.number().positive().max(3_650).default(30),
  /** A video's run continues as new once its history has this many events (Temporal may ask sooner). */
  VODFLOW_VIDEO_MAX_HISTORY_EVENTS: int.min(50).max(50_000).default(10_000),

  /** Deadlines per awaited milestone, then reconciliation against VOD's API (on by default). */
  VODFLOW_RECONCILE: bool.default(true),
  VODFLOW_DEADLINE_UPLOAD_SECONDS: seconds.default(7_200),
  VODFLOW_DEADLINE_TRANSCODE_SECONDS: seconds.default(1_800),
  /** Added to the transcode deadline per minute of source video (when its duration is known). */
  VODFLOW_DEADLINE_TRANSCODE_PER_SOURCE_MINUTE_SECONDS: seconds.default(120),
  VODFLOW_DEADLINE_SNAPSHOT_SECONDS: seconds.default(900),
  VODFLOW_DEADLINE_AI_SECONDS: seconds.default(1_800),
  VODFLOW_RECHECK_INITIAL_SECONDS: seconds.default(300),
  VODFLOW_RECHECK_MAX_SECONDS: seconds.default(7_200),
  VODFLOW_RECONCILE_MAX_UNKNOWN_CHECKS: int.min(1).max(100).default(4),
  VODFLOW_RECONCILE_GIVE_UP_HOURS: z.coerce.number().positive().max(8_760).default(72),
  /**
   * Read-only VOD activities (reconciliation checks, sweeps) started per second on the read task
   * queue, for all workers and regions together (the Temporal server enforces it).
   */
  VODFLOW_VOD_QUERY_RATE: z.coerce.number().positive().max(1_000).default(10),
  VODFLOW_SWEEP_INTERVAL_MINUTES: z.coerce.number().positive().max(1_440).default(15),
  VODFLOW_SWEEP_WINDOW_HOURS: z.coerce.number().positive().max(8_760).default(24),
  VODFLOW_SWEEP_GRACE_MINUTES: z.coerce.number().min(0).max(1_440).default(10),
});

/** Every environment variable vodflow reads (documented in .env.example and README). */
export const CONFIG_ENV_VARS: readonly string[] = Object.keys(envSchema.shape);

export interface QueueRef {
  region: string;
  queue: string;
  /** Set only when this queue serves another application than the deployment's. */
  appId?: string;
}

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface VodflowConfig {
  temporal: {
    address: string;
    namespace: string;
    tls: boolean;
    tlsCertPath?: string;
    tlsKeyPath?: string;
    apiKey?: string;
    taskQueue: string;
    workflowBundle?: string;
  };
  credentials?: Credentials;
  queues: QueueRef[];
  /** The hooks file (VODFLOW_HOOKS), when the deployment has one. */
  hooksFile?: string;
  /** Which VOD application's videos this deployment processes, per queue and region. */
  applications: ApplicationScope;
  shards: number;
  /** Regions accepted besides VOD's known ones (VODFLOW_EXTRA_REGIONS). */
  extraRegions: string[];
  smq: { accountId?: string; endpoint?: string };
  vod: { endpoint?: string };
  policy: PipelinePolicy;
  poller: PollerOptions;
  video: { followUpTimeoutMs: number; idleCloseMs: number; maxHistoryEvents: number };
  reconcile: ReconcilePolicy;
  vodQueryRatePerSecond: number;
  sweep: { intervalMs: number; windowMs: number; graceMs: number };
  metricsAddress?: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  worker: { maxCachedWorkflows: number; maxConcurrentWorkflowTaskExecutions: number };
  workerRoles: WorkerRole[];
}

// First reconciliation checks of new videos come up to 20% late (see reconcilePolicySchema).
const FIRST_CHECK_JITTER = 0.2;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** VODFLOW_EXTRA_REGIONS as a list; a malformed entry is a ConfigError. */
export function extraRegionsOf(text: string | undefined): string[] {
  try {
    return parseExtraRegions(text);
  } catch (error) {
    throw new ConfigError(`VODFLOW_EXTRA_REGIONS: ${(error as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): VodflowConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const extraRegions = extraRegionsOf(e.VODFLOW_EXTRA_REGIONS);
  const queues = (e.VODFLOW_QUEUES ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const checked = queueRefSchema.safeParse(item);
      if (!checked.success) {
        throw new ConfigError(`VODFLOW_QUEUES: "${item}" is not region:queue or region:queue:appId`);
      }
      const [region, queue, appId] = item.split(':') as [string, string, string | undefined];
      const problem = regionProblem(region, extraRegions) ?? (appId ? appIdProblem(appId) : undefined);
      if (problem) throw new ConfigError(`VODFLOW_QUEUES: ${problem}`);
      return appId ? { region, queue, appId } : { region, queue };
    });
  const appProblem = e.VODFLOW_APP_ID === undefined ? undefined : appIdProblem(e.VODFLOW_APP_ID);
  if (appProblem) throw new ConfigError(`VODFLOW_APP_ID: ${appProblem}`);
  if ((e.ALIBABA_CLOUD_ACCESS_KEY_ID === undefined) !== (e.ALIBABA_CLOUD_ACCESS_KEY_SECRET === undefined)) {
    throw new ConfigError(
      'set both ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or neither',
    );
  }
  if (e.TEMPORAL_TLS_CERT_PATH !== undefined && e.TEMPORAL_TLS_KEY_PATH === undefined) {
    throw new ConfigError('TEMPORAL_TLS_CERT_PATH needs TEMPORAL_TLS_KEY_PATH');
  }
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      tls: e.TEMPORAL_TLS || e.TEMPORAL_TLS_CERT_PATH !== undefined || e.TEMPORAL_API_KEY !== undefined,
      tlsCertPath: e.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: e.TEMPORAL_TLS_KEY_PATH,
      apiKey: e.TEMPORAL_API_KEY,
      taskQueue: e.VODFLOW_TASK_QUEUE,
      workflowBundle: e.VODFLOW_WORKFLOW_BUNDLE,
    },
    credentials:
      e.ALIBABA_CLOUD_ACCESS_KEY_ID && e.ALIBABA_CLOUD_ACCESS_KEY_SECRET
        ? {
            accessKeyId: e.ALIBABA_CLOUD_ACCESS_KEY_ID,
            accessKeySecret: e.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
            securityToken: e.ALIBABA_CLOUD_SECURITY_TOKEN,
          }
        : undefined,
    queues,
    applications: ApplicationScope.of(queues, e.VODFLOW_APP_ID),
    hooksFile: e.VODFLOW_HOOKS,
    shards: e.VODFLOW_SHARDS,
    extraRegions,
    smq: { accountId: e.SMQ_ACCOUNT_ID, endpoint: e.SMQ_ENDPOINT },
    vod: { endpoint: e.VOD_ENDPOINT },
    policy: pipelinePolicySchema.parse({
      transcode: e.VODFLOW_TRANSCODE,
      templateGroupId: e.VODFLOW_TEMPLATE_GROUP_ID,
      snapshot: e.VODFLOW_SNAPSHOT,
      snapshotTemplateId: e.VODFLOW_SNAPSHOT_TEMPLATE_ID,
      aiAudit: e.VODFLOW_AI_AUDIT,
      aiAuditTemplateId: e.VODFLOW_AI_AUDIT_TEMPLATE_ID,
      aiTag: e.VODFLOW_AI_TAG,
      adopt: e.VODFLOW_ADOPT,
      adoptAfterHours: e.VODFLOW_ADOPT_AFTER_HOURS,
      aiDna: e.VODFLOW_AI_DNA,
      dnaDbId: e.VODFLOW_DNA_DB_ID,
      maxAttempts: e.VODFLOW_MAX_ATTEMPTS,
      retryInitialMs: e.VODFLOW_RETRY_INITIAL_MS,
    }),
    poller: parsePollerOptions({
      waitSeconds: e.VODFLOW_POLL_WAIT_SECONDS,
      receivers: e.VODFLOW_POLL_RECEIVERS,
      signalConcurrency: e.VODFLOW_SIGNAL_CONCURRENCY,
      coalesceEvents: e.VODFLOW_COALESCE_EVENTS,
      visibilityTimeoutSeconds: e.VODFLOW_VISIBILITY_TIMEOUT_SECONDS,
      runForMs: e.VODFLOW_POLL_RUN_MINUTES * 60_000,
      heartbeatTimeoutMs: e.VODFLOW_POLL_HEARTBEAT_TIMEOUT_SECONDS * 1000,
      retryFailedAfterSeconds: e.VODFLOW_RETRY_FAILED_AFTER_SECONDS,
    }),
    metricsAddress: e.VODFLOW_METRICS_ADDRESS,
    logLevel: e.LOG_LEVEL,
    workerRoles: e.VODFLOW_WORKER_ROLES,
    worker: {
      maxCachedWorkflows: e.VODFLOW_WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: e.VODFLOW_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    video: {
      followUpTimeoutMs: e.VODFLOW_FOLLOW_UP_TIMEOUT_SECONDS * 1000,
      idleCloseMs: Math.round(e.VODFLOW_IDLE_CLOSE_DAYS * 24 * 3_600_000),
      maxHistoryEvents: e.VODFLOW_VIDEO_MAX_HISTORY_EVENTS,
    },
    reconcile: reconcilePolicySchema.parse({
      enabled: e.VODFLOW_RECONCILE,
      firstCheckJitter: FIRST_CHECK_JITTER,
      uploadMs: secondsToMs(e.VODFLOW_DEADLINE_UPLOAD_SECONDS),
      transcodeMs: secondsToMs(e.VODFLOW_DEADLINE_TRANSCODE_SECONDS),
      transcodePerSourceMinuteMs: secondsToMs(e.VODFLOW_DEADLINE_TRANSCODE_PER_SOURCE_MINUTE_SECONDS),
      snapshotMs: secondsToMs(e.VODFLOW_DEADLINE_SNAPSHOT_SECONDS),
      aiMs: secondsToMs(e.VODFLOW_DEADLINE_AI_SECONDS),
      recheckInitialMs: secondsToMs(e.VODFLOW_RECHECK_INITIAL_SECONDS),
      recheckMaxMs: secondsToMs(e.VODFLOW_RECHECK_MAX_SECONDS),
      maxUnknownChecks: e.VODFLOW_RECONCILE_MAX_UNKNOWN_CHECKS,
      giveUpMs: Math.round(e.VODFLOW_RECONCILE_GIVE_UP_HOURS * 3_600_000),
    }),
    vodQueryRatePerSecond: e.VODFLOW_VOD_QUERY_RATE,
    sweep: {
      intervalMs: Math.round(e.VODFLOW_SWEEP_INTERVAL_MINUTES * 60_000),
      windowMs: Math.round(e.VODFLOW_SWEEP_WINDOW_HOURS * 3_600_000),
      graceMs: Math.round(e.VODFLOW_SWEEP_GRACE_MINUTES * 60_000),
    },
  };
}

function secondsToMs(value: number): number {
  return Math.round(value * 1000);
}

/** The configuration with secrets masked, for logs and `--help` output. */
export function redactConfig(config: VodflowConfig): unknown {
  return {
    ...config,
    temporal: { ...config.temporal, apiKey: config.temporal.apiKey ? '***' : undefined },
    credentials: config.credentials
      ? {
          accessKeyId: config.credentials.accessKeyId,
          accessKeySecret: '***',
          securityToken: config.credentials.securityToken ? '***' : undefined,
        }
      : undefined,
  };
}
