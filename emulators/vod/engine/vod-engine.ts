import type { Clock } from '../../common/clock';
import type { BodyEncoding } from '../../../common/events';
import { VodFault, invalidParameter } from '../errors';
import { VOD_RETRY_POLICY, type RetryPolicy } from '../delivery/deliver-with-retries';
import { DeliveryLog } from '../delivery/delivery-log';
import type { EventQueueWriter } from '../delivery/queue-writer';
import { Background } from './background';
import { TEST_DURATIONS, type VodDurations } from './durations';
import * as events from './event-builders';
import { EventDispatcher } from './event-dispatcher';
import { FaultPlan, NO_FAULTS, type VodFaults } from './faults';
import { newMediaId } from './ids';
import { simulateTranscode } from './simulate-transcode';
import type {
  AIJob,
  AIJobType,
  AuditJob,
  AuditSuggestion,
  CallbackConfig,
  CallbackTarget,
  DynamicImageJob,
  RequestUserData,
  SnapshotJob,
  TranscodeJob,
  TranscodeTask,
  Video,
  VideoListQuery,
  VideoStatus,
} from './types';

export interface VodEngineOptions {
  clock: Clock;
  writer: EventQueueWriter;
  encoding?: BodyEncoding;
  seed?: number;
  faults?: Partial<VodFaults>;
  durations?: Partial<VodDurations>;
  retry?: Partial<RetryPolicy>;
  smqEndpoint?: string;
  /** Definitions every transcode task produces, one stream each. */
  definitions?: string[];
  /**
   * Transcoding template groups that exist (with VOD's built-in VOD_NO_TRANSCODE); any other id is
   * NoSuchResource. Left out, every id is taken to exist, so that a stack needs no set-up.
   */
  templateGroupIds?: readonly string[];
  onError?: (error: unknown) => void;
}

export interface NewVideo {
  regionId: string;
  appId: string;
  title: string;
  fileName: string;
  fileSize?: number;
  description?: string;
  tags?: string;
  cateId?: number;
  templateGroupId?: string;
  userData: RequestUserData;
}

const TRANSCODE_ALLOWED: readonly VideoStatus[] = ['UploadSucc', 'Normal', 'Checking'];
const SNAPSHOT_ALLOWED: readonly VideoStatus[] = ['UploadSucc', 'Normal', 'Checking', 'Blocked'];
const DYNAMIC_IMAGE_ALLOWED: readonly VideoStatus[] = [
  'UploadSucc',
  'Transcoding',
  'Normal',
  'Checking',
  'Blocked',
];
const ANALYSIS_ALLOWED: readonly VideoStatus[] = [
  'UploadSucc',
  'Transcoding',
  'TranscodeFail',
  'Normal',
  'Checking',
  'Blocked',
];
export const MAX_SNAPSHOT_COUNT = 1_000;
const SESSION_ID_WINDOW_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_DEFINITIONS = ['LD', 'SD', 'HD'];
// The group VOD creates for every account: upload without transcoding.
export const NO_TRANSCODE_TEMPLATE_GROUP = 'VOD_NO_TRANSCODE';

// Title or tag markers that choose an AI review's verdict (the admin API can also set it).
const BLOCK_MARKER = 'vodemu-block';
const REVIEW_MARKER = 'vodemu-review';
// Title or tag marker of a video whose every event is dropped (tests of a consumer that never hears
// about a video). Read from the video, so it holds for the video's whole life.
export const LOSE_EVENTS_MARKER = 'vodemu-lose-events';

function hasMarker(video: Video, marker: string): boolean {
  return `${video.title} ${video.tags ?? ''}`.toLowerCase().includes(marker);
}

function configKey(regionId: string, appId: string): string {
  return `${regionId}/${appId}`;
}

export interface JobCounts {
  transcode: number;
  snapshot: number;
  aiAudit: number;
  aiJob: number;
}

export class VodEngine {
  readonly log = new DeliveryLog();
  readonly faults: FaultPlan;
  readonly durations: VodDurations;
  readonly definitions: readonly string[];
  private readonly templateGroupIds?: ReadonlySet<string>;
  private readonly clock: Clock;
  private readonly background = new Background();
  private readonly dispatcher: EventDispatcher;
  private readonly callbacks = new Map<string, CallbackConfig>();
  private readonly videos = new Map<string, Video>();
  private readonly transcodeTasks = new Map<string, TranscodeTask>();
  private readonly snapshotJobs = new Map<string, SnapshotJob>();
  private readonly dynamicImageJobs = new Map<string, DynamicImageJob>();
  private readonly auditJobs = new Map<string, AuditJob>();
  private readonly aiJobs = new Map<string, AIJob>();
  private readonly activeTranscodes = new Map<string, number>();
  private readonly transcodeSessions = new Map<string, number>();
  private readonly onError: (error: unknown) => void;

  constructor(opts: VodEngineOptions) {
    this.clock = opts.clock;
    this.durations = { ...TEST_DURATIONS, ...opts.durations };
    this.definitions = opts.definitions ?? DEFAULT_DEFINITIONS;
    if (opts.templateGroupIds)
      this.templateGroupIds = new Set([NO_TRANSCODE_TEMPLATE_GROUP, ...opts.templateGroupIds]);
    this.faults = new FaultPlan({ ...NO_FAULTS, ...opts.faults }, opts.seed ?? 1);
    this.onError = opts.onError ?? ((error) => console.error('vod emulator:', error));
    this.dispatcher = new EventDispatcher({
      clock: opts.clock,
      writer: opts.writer,
      log: this.log,
      faults: this.faults,
      background: this.background,
      retry: { ...VOD_RETRY_POLICY, ...opts.retry },
      encoding: opts.encoding ?? 'base64',
      smqEndpoint: opts.smqEndpoint,
      reorderHoldMs: this.durations.reorderHoldMs,
    });
  }

  get pendingWork(): number {
    return this.background.pending;
  }

  /** Waits for every simulation and delivery under way (tests, admin). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  close(): Promise<void> {
    return this.background.stop();
  }

  // ── callback configuration ──

  setMessageCallback(regionId: string, config: CallbackConfig): void {
    this.callbacks.set(configKey(regionId, config.appId), { ...config });
  }

  getMessageCallback(regionId: string, appId: string): CallbackConfig | undefined {
    return this.callbacks.get(configKey(regionId, appId));
  }

  deleteMessageCallback(regionId: string, appId: string): void {
    this.callbacks.delete(configKey(regionId, appId));
  }

  // ── videos ──

  createUploadVideo(input: NewVideo): Video {
    if (input.templateGroupId !== undefined) this.requireTemplateGroup(input.templateGroupId);
    const now = this.clock.now();
    const video: Video = {
      videoId: newMediaId(),
      regionId: input.regionId,
      appId: input.appId,
      title: input.title,
      description: input.description,
      tags: input.tags,
      cateId: input.cateId,
      fileName: input.fileName,
      fileSize: input.fileSize,
      templateGroupId: input.templateGroupId,
      status: 'Uploading',
      creationTime: now,
      modificationTime: now,
      snapshots: [],
      uploadUserData: input.userData,
      everNormal: false,
    };
    this.videos.set(video.videoId, video);
    this.emit(video, events.mediaBaseChangeComplete(video, 'create', now));
    const autoMs = this.durations.uploadAutoCompleteMs;
    if (autoMs !== undefined) {
      this.background.run(async (signal) => {
        await this.clock.sleep(autoMs, signal);
        if (!signal.aborted && this.videos.get(video.videoId)?.status === 'Uploading')
          this.completeUpload(video.videoId);
      }, this.onError);
    }
    return video;
  }

  /** The client finished sending the file: UploadSucc and FileUploadComplete. */
  completeUpload(videoId: string, fileSize?: number): Video {
    const video = this.video(videoId);
    if (video.status !== 'Uploading')
      throw new VodFault('Forbidden.IllegalStatus', `video is ${video.status}, not Uploading`);
    video.status = 'UploadSucc';
    if (fileSize !== undefined) video.fileSize = fileSize;
    video.fileSize ??= 10 * 1024 * 1024;
    video.duration = 60;
    video.modificationTime = this.clock.now();
    this.emit(video, events.fileUploadComplete(video, this.clock.now()));
    // The source analysis is free and always follows an upload.
    this.background.run(async (signal) => {
      await this.clock.sleep(this.durations.analysisMs, signal);
      if (signal.aborted || !this.videos.has(videoId)) return;
      this.emit(video, events.videoAnalysisComplete(video, this.clock.now()));
    }, this.onError);
    return video;
  }

  videoExists(videoId: string): boolean {
    return this.videos.has(videoId);
  }

  video(videoId: string): Video {
    const video = this.videos.get(videoId);
    if (!video) throw new VodFault('InvalidVideo.NotFound', `The video ${videoId} does not exist.`);
    return video;
  }

  /**
   * GetVideoList: the region's videos (deleted ones are gone already) that match, sorted by
   * CreationTime, and the requested page. Videos created in the same millisecond keep their
   * creation order (newest last ascending, first descending) so that pages never overlap.
   */
  listVideos(query: VideoListQuery): { total: number; videos: Video[] } {
    const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : undefined;
    const matches = [...this.videos.values()].filter(
      (video) =>
        video.regionId === query.regionId &&
        (statuses === undefined || statuses.has(video.status)) &&
        (query.startTime === undefined || video.creationTime >= query.startTime) &&
        (query.endTime === undefined || video.creationTime < query.endTime) &&
        (query.cateId === undefined || video.cateId === query.cateId),
    );
    // The map iterates in creation order and sort is stable: ties stay in creation order.
    matches.sort((a, b) => a.creationTime - b.creationTime);
    if (query.order === 'desc') matches.reverse();
    const first = (query.pageNo - 1) * query.pageSize;
    return { total: matches.length, videos: matches.slice(first, first + query.pageSize) };
  }

  setAuditSuggestion(videoId: string, suggestion: AuditSuggestion | undefined): void {
    this.video(videoId).auditSuggestionOverride = suggestion;
  }

  /** Backdates a video (admin API): tests of videos older than the client that sees them. */
  setCreationTime(videoId: string, creationTime: number): void {
    this.video(videoId).creationTime = creationTime;
  }

  /** Deletes what exists; DeleteMediaComplete follows for each (to the global target: the media is gone). */
  deleteVideos(videoIds: readonly string[]): { nonExist: string[] } {
    const nonExist: string[] = [];
    for (const videoId of videoIds) {
      const video = this.videos.get(videoId);
      if (!video) {
        nonExist.push(videoId);
        continue;
      }
      this.videos.delete(videoId);
      const config = this.getMessageCallback(video.regionId, video.appId);
      const lost = hasMarker(video, LOSE_EVENTS_MARKER);
      // The base information goes with the call; the files take deleteMs (DeleteMediaComplete).
      this.dispatcher.dispatch(events.mediaBaseChangeComplete(video, 'delete', this.clock.now()), config, {
        lost,
      });
      this.background.run(async (signal) => {
        await this.clock.sleep(this.durations.deleteMs, signal);
        if (signal.aborted) return;
        this.dispatcher.dispatch(events.deleteMediaComplete(videoId, this.clock.now()), config, { lost });
      }, this.onError);
    }
    return { nonExist };
  }

  // ── transcoding ──

  submitTranscodeJobs(
    videoId: string,
    templateGroupId: string,
    priority: string,
    userData: RequestUserData,
    sessionId?: string,
  ): TranscodeTask {
    const video = this.video(videoId);
    this.requireTemplateGroup(templateGroupId);
    if (!TRANSCODE_ALLOWED.includes(video.status)) {
      throw new VodFault('Forbidden.IllegalStatus', `Status of the video is illegal: ${video.status}.`);
    }
    const now = this.clock.now();
    if (sessionId !== undefined) {
      const usedAt = this.transcodeSessions.get(sessionId);
      // The error code VOD uses for a reused SessionId is not documented.
      if (usedAt !== undefined && now - usedAt < SESSION_ID_WINDOW_MS) {
        throw invalidParameter('SessionId', 'this SessionId was used within the last 7 days');
      }
      this.transcodeSessions.set(sessionId, now);
    }
    const task: TranscodeTask = {
      taskId: newMediaId(),
      videoId,
      templateGroupId,
      status: 'Processing',
      trigger: 'Manual',
      creationTime: now,
      jobs: this.definitions.map((definition) => ({
        jobId: newMediaId(),
        definition,
        format: 'mp4',
        templateId: newMediaId(),
        status: 'Transcoding',
        progress: 0,
        priority,
        creationTime: now,
      })),
    };
    this.transcodeTasks.set(task.taskId, task);
    this.activeTranscodes.set(videoId, (this.activeTranscodes.get(videoId) ?? 0) + 1);
    if (!video.everNormal) video.status = 'Transcoding';
    video.modificationTime = now;
    this.background.run(
      (signal) =>
        simulateTranscode(task, video, {
          clock: this.clock,
          signal,
          faults: this.faults,
          streamMs: this.durations.transcodeStreamMs,
          extend: this.extendFor(video, userData),
          // A video deleted mid-task sends no further transcode events.
          emit: (event) => {
            if (this.videos.has(videoId)) this.emit(video, event, userData);
          },
          finished: (anySuccess) => this.transcodeFinished(video, anySuccess),
        }),
      this.onError,
    );
    return task;
  }

  private transcodeFinished(video: Video, anySuccess: boolean): void {
    const active = (this.activeTranscodes.get(video.videoId) ?? 1) - 1;
    this.activeTranscodes.set(video.videoId, active);
    if (anySuccess) video.everNormal = true;
    video.modificationTime = this.clock.now();
    if (active > 0 || video.status === 'Blocked') return;
    video.status = video.everNormal ? 'Normal' : 'TranscodeFail';
  }

  transcodeTask(taskId: string): TranscodeTask | undefined {
    return this.transcodeTasks.get(taskId);
  }

  transcodeTaskOfJob(jobId: string): TranscodeTask | undefined {
    for (const task of this.transcodeTasks.values())
      if (task.jobs.some((job) => job.jobId === jobId)) return task;
    return undefined;
  }

  transcodeTasksOf(videoId: string): TranscodeTask[] {
    return [...this.transcodeTasks.values()].filter((task) => task.videoId === videoId);
  }

  /** The newest successful stream of each definition (what GetPlayInfo plays). */
  playableStreams(videoId: string): TranscodeJob[] {
    const newest = new Map<string, TranscodeJob>();
    for (const task of this.transcodeTasksOf(videoId))
      for (const job of task.jobs) if (job.status === 'TranscodeSuccess') newest.set(job.definition, job);
    return [...newest.values()];
  }

  // ── animated images ──

  /** SubmitDynamicImageJob: one GIF, DynamicImageComplete after snapshotMs. */
  submitDynamicImageJob(videoId: string, templateId: string, userData: RequestUserData): DynamicImageJob {
    const video = this.video(videoId);
    if (!DYNAMIC_IMAGE_ALLOWED.includes(video.status)) {
      throw new VodFault('Forbidden.IllegalStatus', `Status of the video is illegal: ${video.status}.`);
    }
    const job: DynamicImageJob = {
      jobId: newMediaId(),
      videoId,
      templateId,
      status: 'processing',
      creationTime: this.clock.now(),
    };
    this.dynamicImageJobs.set(job.jobId, job);
    this.background.run(async (signal) => {
      await this.clock.sleep(this.durations.snapshotMs, signal);
      if (signal.aborted || !this.videos.has(videoId)) return;
      job.status = this.faults.jobFails() ? 'fail' : 'success';
      this.emit(video, events.dynamicImageComplete(video, job, this.clock.now()), userData);
    }, this.onError);
    return job;
  }

  // ── snapshots ──

  submitSnapshotJob(videoId: string, count: number, userData: RequestUserData): SnapshotJob {
    const video = this.video(videoId);
    if (!SNAPSHOT_ALLOWED.includes(video.status)) {
      throw new VodFault('Forbidden.IllegalStatus', `Status of the video is illegal: ${video.status}.`);
    }
    if (!Number.isInteger(count) || count < 1 || count > MAX_SNAPSHOT_COUNT) {
      throw invalidParameter('Count', `must be an integer in 1..${MAX_SNAPSHOT_COUNT}`);
    }
    const job: SnapshotJob = {
      jobId: newMediaId(),
      videoId,
      count,
      status: 'processing',
      creationTime: this.clock.now(),
    };
    this.snapshotJobs.set(job.jobId, job);
    const extend = this.extendFor(video, userData);
    this.background.run(async (signal) => {
      await this.clock.sleep(this.durations.snapshotMs, signal);
      if (signal.aborted || !this.videos.has(videoId)) return;
      const now = this.clock.now();
      job.completeTime = now;
      if (this.faults.jobFails()) {
        job.status = 'fail';
        const failure = {
          errorCode: 'InvalidParameter.ResourceContentBad',
          errorMessage: 'The resource operated InputFile is bad',
        };
        this.emit(video, events.snapshotComplete(video, failure, now, extend), userData);
        return;
      }
      job.status = 'success';
      job.regular = events.snapshotPattern(videoId, job.jobId);
      // Repeated calls keep only the latest snapshot set.
      video.snapshots = Array.from({ length: Math.min(count, 100) }, (_, i) =>
        events.snapshotUrl(job.regular ?? '', i + 1),
      );
      video.coverUrl ??= video.snapshots[0];
      this.emit(
        video,
        events.snapshotComplete(video, { jobId: job.jobId, count, regular: job.regular }, now, extend),
        userData,
      );
    }, this.onError);
    return job;
  }

  /** How many jobs of each kind were submitted for a video (VOD's own transcode not counted). */
  jobCountsOf(videoId: string): JobCounts {
    const count = <T>(jobs: Iterable<T>, mine: (job: T) => boolean): number => {
      let n = 0;
      for (const job of jobs) if (mine(job)) n++;
      return n;
    };
    return {
      transcode: count(this.transcodeTasks.values(), (t) => t.videoId === videoId && t.trigger === 'Manual'),
      snapshot: count(this.snapshotJobs.values(), (j) => j.videoId === videoId),
      aiAudit: count(this.auditJobs.values(), (j) => j.mediaId === videoId),
      aiJob: count(this.aiJobs.values(), (j) => j.mediaId === videoId),
    };
  }

  latestSnapshotJob(videoId: string): SnapshotJob | undefined {
    let latest: SnapshotJob | undefined;
    for (const job of this.snapshotJobs.values()) {
      if (job.videoId === videoId && job.status === 'success') latest = job;
    }
    return latest;
  }

  // ── AI ──

  submitAIMediaAuditJob(mediaId: string, userData: RequestUserData): AuditJob {
    const video = this.analysable(mediaId);
    const job: AuditJob = {
      jobId: newMediaId(),
      mediaId,
      status: 'processing',
      creationTime: this.clock.now(),
    };
    this.auditJobs.set(job.jobId, job);
    const extend = this.extendFor(video, userData);
    this.background.run(async (signal) => {
      await this.clock.sleep(this.durations.auditMs, signal);
      if (signal.aborted || !this.videos.has(mediaId)) return;
      const now = this.clock.now();
      job.completeTime = now;
      if (this.faults.jobFails()) {
        Object.assign(job, { status: 'fail', code: 'InternalError', message: 'The audit job failed.' });
        this.emit(
          video,
          events.aiMediaAuditComplete(
            video,
            job.jobId,
            { code: 'InternalError', message: 'The audit job failed.' },
            now,
            extend,
          ),
          userData,
        );
        return;
      }
      const suggestion = this.auditSuggestionFor(video);
      const result = events.auditResult(video, suggestion);
      Object.assign(job, { status: 'success', code: '0', message: 'OK', result });
      if (suggestion === 'block') {
        video.status = 'Blocked';
        video.auditStatus = 'Blocked';
      } else {
        video.auditStatus = 'Normal';
      }
      this.emit(video, events.aiMediaAuditComplete(video, job.jobId, { result }, now, extend), userData);
    }, this.onError);
    return job;
  }

  auditJob(jobId: string): AuditJob | undefined {
    return this.auditJobs.get(jobId);
  }

  latestAudit(mediaId: string): AuditJob | undefined {
    let latest: AuditJob | undefined;
    for (const job of this.auditJobs.values())
      if (job.mediaId === mediaId && job.status === 'success') latest = job;
    return latest;
  }

  submitAIJob(mediaId: string, types: readonly AIJobType[], userData: RequestUserData): AIJob[] {
    const video = this.analysable(mediaId);
    const extend = this.extendFor(video, userData);
    return types.map((type) => {
      const job: AIJob = {
        jobId: newMediaId(),
        mediaId,
        type,
        status: 'processing',
        creationTime: this.clock.now(),
      };
      this.aiJobs.set(job.jobId, job);
      this.background.run(async (signal) => {
        await this.clock.sleep(this.durations.aiJobMs, signal);
        if (signal.aborted || !this.videos.has(mediaId)) return;
        const failure = this.faults.jobFails()
          ? { code: 'InternalError', message: `The ${type} job failed.` }
          : undefined;
        const now = this.clock.now();
        const outcome = events.aiJobOutcome(video, type, failure);
        job.status = outcome.status;
        job.code = outcome.code;
        job.message = outcome.message;
        job.data = outcome.data;
        job.completeTime = now;
        const build = type === 'AIMediaDNA' ? events.aiMediaDnaComplete : events.aiVideoTagComplete;
        this.emit(video, build(video, job.jobId, outcome, now, extend), userData);
      }, this.onError);
      return job;
    });
  }

  aiJob(jobId: string): AIJob | undefined {
    return this.aiJobs.get(jobId);
  }

  // ── internals ──

  private requireTemplateGroup(templateGroupId: string): void {
    if (this.templateGroupIds && !this.templateGroupIds.has(templateGroupId))
      throw new VodFault('NoSuchResource', `The template group ${templateGroupId} does not exist.`);
  }

  private analysable(mediaId: string): Video {
    const video = this.video(mediaId);
    if (!ANALYSIS_ALLOWED.includes(video.status)) {
      throw new VodFault('Forbidden.IllegalStatus', `Status of the video is illegal: ${video.status}.`);
    }
    return video;
  }

  private auditSuggestionFor(video: Video): AuditSuggestion {
    if (video.auditSuggestionOverride) return video.auditSuggestionOverride;
    if (hasMarker(video, BLOCK_MARKER)) return 'block';
    if (hasMarker(video, REVIEW_MARKER)) return 'review';
    return 'pass';
  }

  /** Extend of the request, else of the upload (a processing request without one carries none). */
  private extendFor(_video: Video, userData: RequestUserData): string | undefined {
    return userData.extend;
  }

  /** Precedence, as VOD documents it: request UserData > upload-time UserData > global configuration. */
  private emit(video: Video, event: events.EmulatedEvent, request?: RequestUserData): void {
    const override: CallbackTarget | undefined = request?.target ?? video.uploadUserData.target;
    this.dispatcher.dispatch(event, this.getMessageCallback(video.regionId, video.appId), {
      override,
      lost: hasMarker(video, LOSE_EVENTS_MARKER),
    });
  }
}
