import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONFIG_ENV_VARS } from '../../common/config';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

// No Docker engine runs here: docker-compose (installed by `make test`) validates the file, and the
// rest checks that what it names exists in the project.
describe('docker-compose.yml', () => {
  const text = readFileSync(COMPOSE_FILE, 'utf8');

  it('is valid for docker-compose and defines the whole stack', async () => {
    const run = promisify(execFile);
    await run('docker-compose', ['-f', COMPOSE_FILE, 'config', '--quiet'], { cwd: ROOT });
    const { stdout } = await run('docker-compose', ['-f', COMPOSE_FILE, 'config', '--services'], {
      cwd: ROOT,
    });
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(
      [
        'consumers',
        'postgresql',
        'smq-emulator',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'sweep-schedule',
        'vod-emulator',
        'worker',
        'prometheus',
        'grafana',
      ].sort(),
    );
  });

  it('runs Prometheus and Grafana only in the observability profile, over the files of deploy/', async () => {
    const run = promisify(execFile);
    await run('docker-compose', ['-f', COMPOSE_FILE, '--profile', 'observability', 'config', '--quiet'], {
      cwd: ROOT,
    });
    const profiled = [
      ...text.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}profiles: \['observability'\]/gm),
    ].map((m) => m[1]);
    expect(profiled.sort()).toEqual(['grafana', 'prometheus']);
    const mounted = [...text.matchAll(/- \.\/(deploy\/[\w/.-]+):/g)].map((m) => m[1]);
    expect(mounted.length).toBeGreaterThanOrEqual(3);
    for (const folder of mounted) expect(existsSync(path.join(ROOT, folder))).toBe(true);
  });

  it('starts only programs that exist in the project', () => {
    const programs = [
      ...text.matchAll(/'((?:emulators|workers|starters|cli|bin)\/[\w/.-]+\.(?:ts|js))'/g),
    ].map((m) => m[1]);
    expect(programs.length).toBeGreaterThanOrEqual(3);
    for (const program of programs) expect(existsSync(path.join(ROOT, program))).toBe(true);
    expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('sets only configuration variables that vodflow reads', () => {
    const anchor = /x-vodflow-env: &vodflow-env\n((?: {2}[A-Z_]+: .*\n)+)/.exec(text)?.[1] ?? '';
    const names = [
      ...anchor.matchAll(/^ {2}([A-Z_]+):/gm),
      ...text.matchAll(/^ {6}(VODFLOW_[A-Z_]+):/gm),
    ].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !CONFIG_ENV_VARS.includes(name))).toEqual([]);
  });
});
