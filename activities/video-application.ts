import { isVodApiError } from '../clients/vod';
import { DEFAULT_APP_ID } from '../common/applications';
import type { VodQueries } from './reconcile/vod-queries';

export interface VideoApplicationInput {
  videoId: string;
  region?: string;
}

/** `appId` when VOD answered; `problem` when it refused for good (the video is gone, or not ours to read). */
export type VideoApplicationAnswer = { appId: string } | { problem: string };

// The application a video belongs to, from GetVideoInfo: most events do not carry it. A transient
// failure (throttling, network) is thrown for the activity's retries; a permanent one is answered.
export function createVideoApplication(deps: { vodQueries(region: string | undefined): VodQueries }) {
  return async function videoApplication(input: VideoApplicationInput): Promise<VideoApplicationAnswer> {
    try {
      const { Video } = await deps.vodQueries(input.region).getVideoInfo({ VideoId: input.videoId });
      // VOD leaves AppId out for the default application on some answers.
      return { appId: Video.AppId || DEFAULT_APP_ID };
    } catch (error) {
      if (isVodApiError(error) && !error.transient) return { problem: `${error.code}: ${error.message}` };
      throw error;
    }
  };
}
