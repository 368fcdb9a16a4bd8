import { CURRENT_PATCH_BASELINE, patchCheck } from '../../../workflows/patch-baseline';

describe('patch baseline', () => {
  const asked: string[] = [];
  const patched = (id: string): boolean => {
    asked.push(id);
    return false;
  };
  beforeEach(() => asked.splice(0));

  it('answers a folded patch without asking, for runs started at or after its baseline', () => {
    const check = patchCheck(CURRENT_PATCH_BASELINE, patched);
    expect(check('event-rules-v2')).toBe(true);
    expect(check('cancel-stops-in-flight-work')).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks patched() for runs without a baseline, as they were recorded', () => {
    const check = patchCheck(undefined, patched);
    expect(check('event-rules-v2')).toBe(false);
    expect(asked).toEqual(['event-rules-v2']);
  });

  it('asks patched() for a patch no baseline holds yet', () => {
    const check = patchCheck(CURRENT_PATCH_BASELINE, patched);
    expect(check('a-later-patch')).toBe(false);
    expect(asked).toEqual(['a-later-patch']);
  });

  it('asks for a patch folded into a later baseline than the run has', () => {
    expect(patchCheck(0, patched)('video-origin')).toBe(false);
    expect(asked).toEqual(['video-origin']);
  });
});
