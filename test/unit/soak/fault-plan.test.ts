import { SeededRandom } from '../../../emulators/common/seeded-random';
import { FAULT_CLASSES, parseFaultClasses, planPhase } from '../../../soak/fault-plan';
import { parseSoakOptions, UsageError } from '../../../soak/options';

const input = { windowMs: 10_000, workers: 2, visibilitySeconds: 5 };

describe('the soak fault plan', () => {
  test('the same seed draws the same schedule, inside the window and in time order', () => {
    for (const faultClass of FAULT_CLASSES) {
      const first = planPhase({ ...input, faultClass }, new SeededRandom(42));
      expect(planPhase({ ...input, faultClass }, new SeededRandom(42))).toEqual(first);
      for (const step of first) expect(step.atMs).toBeLessThan(input.windowMs);
      expect(first.map((s) => s.atMs)).toEqual([...first.map((s) => s.atMs)].sort((a, b) => a - b));
      expect(first.length > 0).toBe(faultClass !== 'none');
    }
  });

  test('visibility expiry holds deletes longer than the visibility timeout', () => {
    const [step] = planPhase({ ...input, faultClass: 'visibility-expiry' }, new SeededRandom(1));
    expect(step.kind === 'smq-faults' && step.faults.latencyMs).toBeGreaterThan(
      input.visibilitySeconds * 1000,
    );
  });

  test('fault classes and options are checked with messages that name the problem', () => {
    expect(parseFaultClasses('all')).toEqual([...FAULT_CLASSES]);
    expect(parseFaultClasses('smq-kill, worker-kill')).toEqual(['smq-kill', 'worker-kill']);
    expect(() => parseFaultClasses('smq-kill,meteor')).toThrow('unknown fault class "meteor"');
    const random = () => 7;
    expect(parseSoakOptions(['--quick'], random)).toMatchObject({
      quick: true,
      videos: 3,
      seed: 7,
      totalMs: 120_000,
    });
    expect(parseSoakOptions(['--videos', '200', '--seed', '9'], random)).toMatchObject({
      videos: 200,
      seed: 9,
    });
    expect(() => parseSoakOptions(['--videos', 'many'], random)).toThrow(UsageError);
    expect(() => parseSoakOptions(['--frobnicate'], random)).toThrow(UsageError);
    expect(() => parseSoakOptions(['--faults', 'nope'], random)).toThrow('unknown fault class');
  });
});
