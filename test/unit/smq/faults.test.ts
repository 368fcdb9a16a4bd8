import { FaultInjector, mergeFaults, NO_FAULTS } from '../../../emulators/smq/faults';

function decisions(injector: FaultInjector): string[] {
  const seen: string[] = [];
  for (let i = 0; i < 50; i++) {
    seen.push(injector.error('ReceiveMessage') ?? '-');
    seen.push(injector.drop('DeleteMessage') ? 'drop' : '-');
    seen.push(injector.duplicate('BatchReceiveMessage') ? 'dup' : '-');
    seen.push(String(injector.latency('SendMessage')));
  }
  return seen;
}

describe('SMQ fault injection', () => {
  const faults = mergeFaults(NO_FAULTS, {
    errorRate: 0.3,
    errorKind: 'mixed',
    dropRate: 0.2,
    duplicateRate: 0.2,
    latencyMs: 5,
    jitterMs: 10,
  });

  it('is off by default', () => {
    expect(decisions(new FaultInjector())).toEqual(
      Array.from({ length: 50 }, () => ['-', '-', '-', '0']).flat(),
    );
  });

  it('repeats exactly with the same seed and differs with another', () => {
    const first = decisions(new FaultInjector(faults, 42));
    expect(decisions(new FaultInjector(faults, 42))).toEqual(first);
    expect(decisions(new FaultInjector(faults, 43))).not.toEqual(first);
    expect(first).toContain('InternalError');
    expect(first).toContain('ServiceUnavailable');
    expect(first).toContain('drop');
  });

  it('scopes faults to operations or groups of them', () => {
    const injector = new FaultInjector(mergeFaults(NO_FAULTS, { errorRate: 1, operations: ['receive'] }), 1);
    expect(injector.error('BatchReceiveMessage')).toBe('InternalError');
    expect(injector.error('ReceiveMessage')).toBe('InternalError');
    expect(injector.error('BatchDeleteMessage')).toBeUndefined();
    expect(injector.error('SendMessage')).toBeUndefined();
  });

  it('shuffles a batch only when asked, the same way for the same seed', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const injector = new FaultInjector(mergeFaults(NO_FAULTS, { reorderRate: 1 }), 7);
    const shuffled = injector.reorder('BatchReceiveMessage', items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(
      new FaultInjector(mergeFaults(NO_FAULTS, { reorderRate: 1 }), 7).reorder('BatchReceiveMessage', items),
    ).toEqual(shuffled);
  });

  it('refuses rates outside [0, 1]', () => {
    expect(() => mergeFaults(NO_FAULTS, { errorRate: 1.5 })).toThrow(RangeError);
    expect(() => mergeFaults(NO_FAULTS, { latencyMs: -1 })).toThrow(RangeError);
  });
});
