import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FAULT_CLASSES } from '../../soak/fault-plan';
import type { CohortSummary } from '../../soak/verdict';

const ROOT = path.resolve(__dirname, '..', '..');
const SOAK = path.join(ROOT, 'soak', 'soak.ts');

// `npm run soak -- --quick`: every fault class against the whole stack as processes, every video
// checked against VOD's ledger; the verdict is the process's exit code.
describe('the soak', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vodflow-soak-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes every fault class in a quick run', async () => {
    const jsonFile = path.join(dir, 'verdict.json');
    const child = spawn(process.execPath, ['--import', 'tsx', SOAK, '--quick', '--json', jsonFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, tail: code === 0 ? '' : output.slice(-6_000) }).toEqual({ code: 0, tail: '' });

    expect(output).toMatch(/seed \d+ \(replay: npm run soak -- --seed \d+ --quick\)/);
    const verdict = JSON.parse(readFileSync(jsonFile, 'utf8')) as { ok: boolean; summaries: CohortSummary[] };
    expect(verdict.ok).toBe(true);
    expect(verdict.summaries.map((s) => s.faultClass)).toEqual([...FAULT_CLASSES]);
    for (const summary of verdict.summaries) {
      expect(summary.events).toBeGreaterThan(0);
      expect(summary).toMatchObject({ lost: 0, appliedTwice: 0, duplicateSubmissions: 0, stuck: 0 });
    }
  }, 240_000);

  it('refuses wrong usage with exit code 2 and names the problem', async () => {
    const run = promisify(execFile);
    const failure = (await run(process.execPath, ['--import', 'tsx', SOAK, '--faults', 'meteor'], {
      cwd: ROOT,
    }).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('unknown fault class "meteor"');
  });
});
