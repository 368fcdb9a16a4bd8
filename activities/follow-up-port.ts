// What the follow-up activity needs from VOD, in the pipeline's terms. activities/vod-follow-up-port.ts
// implements it over clients/vod (real VOD and the emulator alike). Errors carry `transient` and
// `code` as clients/vod classifies them.

export interface SubmittedJob {
  jobId?: string;
}

export interface FollowUpRequest {
  videoId: string;
  /** UserData JSON (Extend with vodflow's stage/attempt marker). */
  userData: string;
}

export interface FollowUpPort {
  submitTranscode(
    request: FollowUpRequest & { templateGroupId?: string; sessionId: string },
  ): Promise<SubmittedJob>;
  submitSnapshot(request: FollowUpRequest & { templateId?: string; count: number }): Promise<SubmittedJob>;
  submitAIMediaAudit(request: FollowUpRequest & { templateId?: string }): Promise<SubmittedJob>;
  submitAIJob(
    request: FollowUpRequest & { type: 'AIVideoTag' | 'AIMediaDNA'; config?: string },
  ): Promise<SubmittedJob>;

  /** A transcode task of this video created at or after `sinceMs`, if any. */
  findTranscodeTaskSince(videoId: string, sinceMs: number): Promise<SubmittedJob | undefined>;
  /** The latest snapshot job of this video when it was created at or after `sinceMs`. */
  findSnapshotJobSince(videoId: string, sinceMs: number): Promise<SubmittedJob | undefined>;
}
