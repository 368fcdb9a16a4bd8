// How long simulated work takes. Defaults are small so that tests run fast; the CLI can raise them.
export interface VodDurations {
  /** Uploads complete by themselves after this long; undefined = only through the admin API. */
  uploadAutoCompleteMs?: number;
  /** Per stream (definition) of a transcode task. */
  transcodeStreamMs: number;
  /** From upload complete to VideoAnalysisComplete. */
  analysisMs: number;
  snapshotMs: number;
  auditMs: number;
  aiJobMs: number;
  deleteMs: number;
  /** How long a reordered event is held back so that later ones overtake it. */
  reorderHoldMs: number;
}

export const TEST_DURATIONS: VodDurations = Object.freeze({
  transcodeStreamMs: 20,
  analysisMs: 10,
  snapshotMs: 30,
  auditMs: 30,
  aiJobMs: 30,
  deleteMs: 10,
  reorderHoldMs: 150,
});
