import { DedupWindow } from '../../../workflows/dedup-window';

describe('DedupWindow', () => {
  it('remembers keys once, oldest first, and forgets the oldest beyond its capacity', () => {
    const keys: string[] = [];
    const window = new DedupWindow(keys, 3);
    window.remember(['a', 'b']);
    window.remember(['b', 'c', 'd']);
    expect(keys).toEqual(['b', 'c', 'd']);
    expect(window.has('a')).toBe(false);
    expect(window.has('d')).toBe(true);
  });

  it('starts from the keys a snapshot carried', () => {
    const window = new DedupWindow(['x', 'y'], 10);
    expect(window.has('x')).toBe(true);
    expect(window.has('z')).toBe(false);
  });
});
