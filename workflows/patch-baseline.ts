// Every `patched()` call that returns true in a new run records a marker, and the SDK adds an
// upsert of the TemporalChangeVersion search attribute with each: a history event and a visibility
// write per patch and run, paid by every video for decisions that only matter to old runs.
//
// A run therefore carries, in its input, the baseline of the code that started it. Every patch
// folded into that baseline is taken as in without asking: such a run was started by code that had
// it, so no replay of it can want the old branch. Runs started before baselines existed carry none
// and keep asking `patched()`, exactly as they were recorded. A patch added later is asked as usual
// until a new baseline folds it in (bump CURRENT_PATCH_BASELINE and list it below).

export const CURRENT_PATCH_BASELINE = 1;

const FOLDED_INTO: Readonly<Record<string, number>> = {
  'reconcile-deadlines': 1,
  'video-origin': 1,
  'event-rules-v2': 1,
  'latest-result-wins': 1,
  'policy-follows-deployment': 1,
  'attention-never-idles': 1,
  'cancel-stops-in-flight-work': 1,
};

/** `patched`, answered without a marker for patches the run's baseline already holds. */
export function patchCheck(
  baseline: number | undefined,
  patched: (patchId: string) => boolean,
): (patchId: string) => boolean {
  return (patchId) => {
    const folded = FOLDED_INTO[patchId];
    if (folded !== undefined && baseline !== undefined && folded <= baseline) return true;
    return patched(patchId);
  };
}
