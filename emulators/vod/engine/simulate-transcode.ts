import type { Clock } from '../../common/clock';
import * as events from './event-builders';
import type { FaultPlan } from './faults';
import type { TranscodeTask, Video } from './types';

export interface TranscodeRun {
  clock: Clock;
  signal: AbortSignal;
  faults: FaultPlan;
  streamMs: number;
  extend: string | undefined;
  emit: (event: events.EmulatedEvent) => void;
  finished: (anySuccess: boolean) => void;
}

const RESOLUTIONS: Record<string, { width: number; height: number; bitrate: string }> = {
  FD: { width: 426, height: 240, bitrate: '300' },
  LD: { width: 640, height: 360, bitrate: '600' },
  SD: { width: 854, height: 480, bitrate: '1000' },
  HD: { width: 1280, height: 720, bitrate: '2150' },
  OD: { width: 1920, height: 1080, bitrate: '4000' },
  '2K': { width: 2560, height: 1440, bitrate: '7000' },
  '4K': { width: 3840, height: 2160, bitrate: '12000' },
};

/**
 * One transcode task: each stream finishes in turn (one StreamTranscodeComplete each), then
 * TranscodeComplete with every stream's result. With the reorder fault the aggregate is sent first.
 */
export async function simulateTranscode(task: TranscodeTask, video: Video, run: TranscodeRun): Promise<void> {
  const startedAt = run.clock.now();
  const streamEvents: events.EmulatedEvent[] = [];
  const reorder = run.faults.reorders();
  for (const job of task.jobs) {
    await run.clock.sleep(run.streamMs, run.signal);
    if (run.signal.aborted) return;
    job.completeTime = run.clock.now();
    job.progress = 100;
    if (run.faults.jobFails()) {
      job.status = 'TranscodeFail';
      job.errorCode = 'InvalidParameter.ResourceContentBad';
      job.errorMessage = 'The resource operated InputFile is bad';
    } else {
      const size = RESOLUTIONS[job.definition] ?? RESOLUTIONS.HD;
      job.status = 'TranscodeSuccess';
      Object.assign(job, {
        ...size,
        size: Number(size.bitrate) * 1000 * 8,
        fileUrl: events.streamUrl(video.videoId, job.definition, job.format),
      });
    }
    const event = events.streamTranscodeComplete(video, job, startedAt, run.extend);
    if (reorder) streamEvents.push(event);
    else run.emit(event);
  }
  const succeeded = task.jobs.filter((job) => job.status === 'TranscodeSuccess').length;
  task.status =
    succeeded === task.jobs.length
      ? 'CompleteAllSucc'
      : succeeded === 0
        ? 'CompleteAllFail'
        : 'CompletePartialSucc';
  task.completeTime = run.clock.now();
  run.finished(succeeded > 0);
  run.emit(events.transcodeComplete(video, task.jobs, startedAt, run.clock.now(), run.extend));
  for (const event of run.faults.shuffle(streamEvents)) run.emit(event);
}
