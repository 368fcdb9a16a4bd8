import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The package a module specifier names (`@scope/name/deep` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

// What the image and `npx vodflow` run: `npm pack` compiles to dist/ (prepack) and packs it without
// sources; the packed bin/vodflow.js must run the compiled CLI, needing production dependencies only.
describe('the vodflow package', () => {
  let dir: string;
  let unpacked: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vodflow-pack-'));
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const tarball = stdout.trim().split('\n').pop() ?? '';
    await run('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
    unpacked = path.join(dir, 'package');
    // The project's installed modules stand in for `npm install` of the tarball (no download here).
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(unpacked, 'node_modules'), 'dir');
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds compiled JavaScript and no TypeScript sources', () => {
    const files = filesUnder(unpacked).map((file) => path.relative(unpacked, file));
    expect(files).toEqual(
      expect.arrayContaining(['bin/vodflow.js', 'dist/cli/main.js', 'dist/workers/main.js']),
    );
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(files.some((file) => file.startsWith('test/') || file.startsWith('dist/test/'))).toBe(false);
  });

  it('needs only production dependencies at run time', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const needed = new Set<string>();
    for (const file of filesUnder(path.join(unpacked, 'dist')).filter((f) => f.endsWith('.js'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
        const specifier = match[1] ?? '';
        if (!builtins.has(specifier)) needed.add(packageOf(specifier));
      }
    }
    expect(needed.size).toBeGreaterThan(3);
    expect([...needed].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('runs the compiled CLI from its bin: help, and doctor failing in its own lines', async () => {
    const bin = path.join(unpacked, 'bin', 'vodflow.js');
    const help = await run(process.execPath, [bin, '--help'], { cwd: dir });
    expect(help.stdout).toMatch(/^ +setup \[options\] /m);
    const doctor = await run(process.execPath, [bin, 'doctor'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        // Nothing listens on port 9 (discard): every check fails, fast.
        TEMPORAL_ADDRESS: '127.0.0.1:9',
        SMQ_ENDPOINT: 'http://127.0.0.1:9',
        VOD_ENDPOINT: 'http://127.0.0.1:9',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-printed',
        VODFLOW_QUEUES: 'cn-shanghai:vod-events',
      },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('✗ Temporal reachable at 127.0.0.1:9');
    expect(doctor.stdout).toContain('✗ SMQ credentials accepted (cn-shanghai): SMQ unreachable');
    expect(doctor.stdout).not.toContain('not-printed');
  }, 60_000);

  it('is what the image runs: Node 22, non-root, the packed entry point', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM node:22\.\d+\.\d+-bookworm-slim/gm)?.length).toBe(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('CMD ["node", "bin/vodflow.js", "worker"]');
  });
});
