import { createHash } from 'node:crypto';
import type { VodEventWire } from '../../common/events';

const STREAMS = ['FD', 'LD', 'SD', 'HD', '2K'] as const;

/** Ten realistic events per video, the order a processed video produces them. */
export function eventsForVideo(videoId: string, startMs: number): VodEventWire[] {
  const at = (seconds: number): string =>
    new Date(startMs + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const streams = STREAMS.map((definition, i) => ({
    Status: 'success',
    JobId: `${videoId.slice(0, 24)}job${i}`,
    Definition: definition,
    Format: 'm3u8',
    Bitrate: String(400 * (i + 1)),
    Duration: 120.5,
    Width: 320 * (i + 1),
    Height: 180 * (i + 1),
    IsAudio: false,
    StartTime: at(2),
    FinishTime: at(10 + i),
    FileUrl: `http://media.example.com/${videoId}/${definition.toLowerCase()}.m3u8`,
  }));
  return [
    {
      EventType: 'FileUploadComplete',
      EventTime: at(0),
      VideoId: videoId,
      Status: 'success',
      Size: 52_428_800,
    },
    {
      EventType: 'VideoAnalysisComplete',
      EventTime: at(1),
      VideoId: videoId,
      Status: 'success',
      Duration: 120.5,
      Width: 1920,
      Height: 1080,
    },
    ...streams.map((stream, i): VodEventWire => ({
      EventType: 'StreamTranscodeComplete',
      EventTime: at(10 + i),
      VideoId: videoId,
      ...stream,
    })),
    {
      EventType: 'TranscodeComplete',
      EventTime: at(16),
      VideoId: videoId,
      Status: 'success',
      StreamInfos: streams,
    },
    {
      EventType: 'SnapshotComplete',
      EventTime: at(17),
      VideoId: videoId,
      Status: 'success',
      CoverUrl: `http://media.example.com/${videoId}/cover-00001.jpg`,
      SnapshotInfos: [
        {
          Status: 'success',
          SnapshotType: 'CoverSnapshot',
          SnapshotCount: 4,
          SnapshotFormat: `${videoId}/cover-{SnapshotCount}.jpg`,
          SnapshotRegular: `http://media.example.com/${videoId}/cover-{SnapshotCount}.jpg`,
          JobId: `${videoId.slice(0, 24)}snap`,
        },
      ],
    },
    {
      EventType: 'AIMediaAuditComplete',
      EventTime: `${at(18).slice(0, -1)}:250Z`,
      MediaId: videoId,
      JobId: `${videoId.slice(0, 24)}audit`,
      Status: 'success',
      Code: '0',
      Message: 'OK',
      Data: { Suggestion: 'pass', Label: 'normal' },
    },
  ];
}

/** A 32-hex-character id, like VOD's, unique per (run, index). */
export function syntheticVideoId(run: string, index: number): string {
  return createHash('md5').update(`${run}:${index}`).digest('hex');
}
