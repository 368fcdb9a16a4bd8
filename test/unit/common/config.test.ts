import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_ENV_VARS, ConfigError, loadConfig, redactConfig } from '../../../common/config';

describe('loadConfig', () => {
  it('gives working local defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      tls: false,
      taskQueue: 'vodflow',
    });
    expect(config.queues).toEqual([]);
    expect(config.credentials).toBeUndefined();
    expect(config.policy).toMatchObject({
      transcode: 'submit',
      snapshot: true,
      aiAudit: true,
      maxAttempts: 3,
    });
    expect(config.poller).toMatchObject({ batchSize: 16, waitSeconds: 10, runForMs: 300_000 });
  });

  it('reads queues, credentials, policy and poller settings', () => {
    const config = loadConfig({
      VODFLOW_QUEUES: 'cn-shanghai:vod-events, ap-southeast-1:vod-sg',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      VODFLOW_TRANSCODE: 'auto',
      VODFLOW_AI_AUDIT: 'false',
      VODFLOW_MAX_ATTEMPTS: '5',
      VODFLOW_POLL_WAIT_SECONDS: '20',
      TEMPORAL_API_KEY: 'k',
    });
    expect(config.queues).toEqual([
      { region: 'cn-shanghai', queue: 'vod-events' },
      { region: 'ap-southeast-1', queue: 'vod-sg' },
    ]);
    expect(config.credentials).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      securityToken: undefined,
    });
    expect(config.policy).toMatchObject({ transcode: 'auto', aiAudit: false, maxAttempts: 5 });
    expect(config.poller.waitSeconds).toBe(20);
    expect(config.temporal.tls).toBe(true);
  });

  it('bounds the worker cache by default and lets it be changed', () => {
    expect(loadConfig({}).worker).toEqual({
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTaskExecutions: 40,
    });
    expect(
      loadConfig({
        VODFLOW_WORKER_MAX_CACHED_WORKFLOWS: '250',
        VODFLOW_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
      }).worker,
    ).toEqual({ maxCachedWorkflows: 250, maxConcurrentWorkflowTaskExecutions: 20 });
    expect(() => loadConfig({ VODFLOW_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(
      /VODFLOW_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/,
    );
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ VODFLOW_POLL_WAIT_SECONDS: '31' })).toThrow(/VODFLOW_POLL_WAIT_SECONDS/);
    expect(() => loadConfig({ VODFLOW_TRANSCODE: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ VODFLOW_QUEUES: 'no-region-here' })).toThrow(/region:queue/);
    expect(() => loadConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'only-id' })).toThrow(/both/);
  });

  it('accepts only VOD regions, and new ones once named in VODFLOW_EXTRA_REGIONS', () => {
    expect(() => loadConfig({ VODFLOW_QUEUES: 'mars-1:events' })).toThrow(
      /VODFLOW_QUEUES: "mars-1" is not a VOD region .*VODFLOW_EXTRA_REGIONS/,
    );
    const config = loadConfig({
      VODFLOW_QUEUES: 'ap-southeast-9:events,cn-beijing:events',
      VODFLOW_EXTRA_REGIONS: 'ap-southeast-9',
    });
    expect(config.queues.map((queue) => queue.region)).toEqual(['ap-southeast-9', 'cn-beijing']);
    expect(config.extraRegions).toEqual(['ap-southeast-9']);
    expect(() => loadConfig({ VODFLOW_EXTRA_REGIONS: 'Mars One' })).toThrow(
      /VODFLOW_EXTRA_REGIONS: "Mars One"/,
    );
  });

  it('never shows secrets in the redacted form', () => {
    const config = loadConfig({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'top-secret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-token',
      TEMPORAL_API_KEY: 'api-key',
    });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toMatch(/top-secret|sts-token|api-key/);
    expect(shown).toContain('"accessKeyId":"id"');
  });
});

describe('configuration docs', () => {
  it('.env.example documents every variable the configuration reads', () => {
    const example = readFileSync(path.resolve(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    const missing = CONFIG_ENV_VARS.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
