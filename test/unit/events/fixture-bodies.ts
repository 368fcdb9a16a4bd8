import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'events');

export interface EventFixture {
  /** File name without `.json`, e.g. `TranscodeComplete.failure`. */
  name: string;
  expectedOutcome: 'success' | 'failure';
  body: string;
  wire: Record<string, unknown>;
}

export function loadEventFixtures(): EventFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const body = readFileSync(join(FIXTURE_DIR, file), 'utf8');
      const name = file.slice(0, -'.json'.length);
      return {
        name,
        expectedOutcome: name.endsWith('.failure') ? 'failure' : 'success',
        body,
        wire: JSON.parse(body) as Record<string, unknown>,
      };
    });
}

export function fixture(name: string): EventFixture {
  const found = loadEventFixtures().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}
