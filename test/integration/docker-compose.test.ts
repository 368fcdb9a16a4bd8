import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { CONFIG_ENV_VARS } from '../../common/config';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const LOCAL_ENV_FILE = path.join(ROOT, 'compose.local.env');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: unknown;
  stop_grace_period?: string;
  ports?: unknown[];
  expose?: unknown[];
  command?: string[];
}

const CLOUD_SERVICES = [
  'consumers',
  'postgresql',
  'setup',
  'sweep-schedule',
  'temporal',
  'temporal-namespace',
  'temporal-schema',
  'temporal-ui',
  'worker',
];
const VODFLOW_SERVICES = ['setup', 'worker', 'consumers', 'sweep-schedule'];

// No Docker engine runs here: docker-compose (installed by `make test`) renders the file as
// `docker compose up` would see it, from a project directory holding the .env under test.
async function render(dotEnv: string, flags: string[] = []): Promise<Record<string, Service>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vodflow-compose-'));
  try {
    copyFileSync(COMPOSE_FILE, path.join(dir, 'docker-compose.yml'));
    copyFileSync(LOCAL_ENV_FILE, path.join(dir, 'compose.local.env'));
    writeFileSync(path.join(dir, '.env'), dotEnv);
    const { stdout } = await promisify(execFile)('docker-compose', [...flags, 'config'], {
      cwd: dir,
      // Only the files configure it, not this test's own environment.
      env: { PATH: process.env.PATH ?? '' },
    });
    return (parse(stdout) as { services: Record<string, Service> }).services;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The services `docker compose up` starts without --profile (docker-compose 1.x renders them all). */
function withoutProfile(services: Record<string, Service>): string[] {
  return Object.entries(services)
    .filter(([, service]) => service.profiles === undefined)
    .map(([name]) => name)
    .sort();
}

const CLOUD_ENV = [
  'SMQ_ACCOUNT_ID=1234567890',
  'VODFLOW_QUEUES=ap-southeast-1:vod-events',
  'VODFLOW_MAX_ATTEMPTS=7',
  // Cleared on purpose: must not fall back to an emulator.
  'SMQ_ENDPOINT=',
  'TEMPORAL_ADDRESS=127.0.0.1:7233',
  '',
].join('\n');

describe('docker-compose.yml', () => {
  it('runs against real cloud by default, with every .env setting in the vodflow containers', async () => {
    const services = await render(CLOUD_ENV);
    expect(withoutProfile(services)).toEqual(CLOUD_SERVICES);
    for (const name of VODFLOW_SERVICES) {
      const env = services[name]?.environment ?? {};
      expect(env).toMatchObject({
        SMQ_ACCOUNT_ID: '1234567890',
        VODFLOW_QUEUES: 'ap-southeast-1:vod-events',
        VODFLOW_MAX_ATTEMPTS: '7',
        SMQ_ENDPOINT: '',
        VOD_ENDPOINT: '',
        // .env's address is for running outside compose; inside, the bundled server.
        TEMPORAL_ADDRESS: 'temporal:7233',
      });
      expect(Object.keys(services[name]?.depends_on ?? {})).not.toEqual(
        expect.arrayContaining(['smq-emulator']),
      );
      expect(Object.keys(services[name]?.depends_on ?? {})).not.toEqual(
        expect.arrayContaining(['vod-emulator']),
      );
    }
  });

  it('clears a setting given empty, and passes one given a value', async () => {
    const cleared = await render('SMQ_ENDPOINT=\nVOD_ENDPOINT=\n');
    expect(cleared.worker?.environment).toMatchObject({ SMQ_ENDPOINT: '', VOD_ENDPOINT: '' });
    const set = await render('SMQ_ENDPOINT=http://proxy:9911\nCOMPOSE_TEMPORAL_ADDRESS=cluster:7233\n');
    expect(set.worker?.environment).toMatchObject({
      SMQ_ENDPOINT: 'http://proxy:9911',
      TEMPORAL_ADDRESS: 'cluster:7233',
    });
  });

  it('runs the emulators behind the local profile', async () => {
    const services = await render('', ['--env-file', 'compose.local.env', '--profile', 'local']);
    expect(withoutProfile(services)).toEqual(CLOUD_SERVICES);
    expect(services['smq-emulator']?.profiles).toEqual(['local']);
    expect(services['vod-emulator']?.profiles).toEqual(['local']);
    expect(services.worker?.environment).toMatchObject({
      SMQ_ENDPOINT: 'http://smq-emulator:9911',
      VOD_ENDPOINT: 'http://vod-emulator:9912',
      VODFLOW_QUEUES: 'cn-shanghai:vod-events',
    });
  });

  it('uses one vodflow image, pinned images, a worker healthcheck and a drain-long stop', async () => {
    const services = await render('', ['--env-file', 'compose.local.env', '--profile', 'local']);
    const vodflowImages = new Set(
      Object.values(services)
        .filter((service) => service.build !== undefined)
        .map((service) => service.image),
    );
    expect([...vodflowImages]).toEqual(['vodflow:local']);
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      // A full version (x.y or x.y.z), never latest or a bare major.
      expect(`${name} ${service.image}`).toMatch(/:v?\d+\.\d+(\.\d+)?(-[\w.-]+)?$/);
      expect(service.image).not.toMatch(/auto-setup/);
    }
    const worker = services.worker;
    expect(worker?.healthcheck).toBeDefined();
    expect(parseInt(worker?.stop_grace_period ?? '0', 10)).toBeGreaterThan(30);
    expect(worker?.ports).toBeUndefined();
    expect(worker?.expose).toEqual(['9464']);
  });

  it('starts only programs that exist, and sets only variables vodflow reads', async () => {
    const services = await render('', ['--env-file', 'compose.local.env', '--profile', 'local']);
    for (const service of Object.values(services)) {
      const program = service.command?.find((part) => /^(bin|dist)\//.test(part));
      if (!program) continue;
      const source = program.startsWith('dist/')
        ? program.replace(/^dist\//, '').replace(/\.js$/, '.ts')
        : program;
      expect(existsSync(path.join(ROOT, source))).toBe(true);
    }
    const local = readFileSync(LOCAL_ENV_FILE, 'utf8');
    const names = [
      ...local.matchAll(/^([A-Z_]+)=/gm),
      ...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/^ {4}([A-Z_]+): \$\{/gm),
    ]
      .map((m) => m[1] ?? '')
      .filter((name) => !name.startsWith('VODFLOW_ENV_FILE'));
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !CONFIG_ENV_VARS.includes(name))).toEqual([]);
  });

  it('runs Prometheus and Grafana only in the observability profile, over the files of deploy/', async () => {
    const services = await render('', ['--profile', 'observability']);
    expect(withoutProfile(services)).toEqual(CLOUD_SERVICES);
    expect(services.prometheus?.profiles).toEqual(['observability']);
    expect(services.grafana?.profiles).toEqual(['observability']);
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    const mounted = [...text.matchAll(/- \.\/(deploy\/[\w/.-]+):/g)].map((m) => m[1] ?? '');
    expect(mounted.length).toBeGreaterThanOrEqual(3);
    for (const folder of mounted) expect(existsSync(path.join(ROOT, folder))).toBe(true);
  });
});
