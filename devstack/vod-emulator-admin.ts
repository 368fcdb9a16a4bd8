/** Finishes an upload in the VOD emulator (its admin API): VOD then sends FileUploadComplete. */
export async function completeEmulatedUpload(vodEndpoint: string, videoId: string): Promise<void> {
  const response = await fetch(
    `${vodEndpoint}/__admin/videos/${encodeURIComponent(videoId)}/complete-upload`,
    {
      method: 'POST',
    },
  );
  if (!response.ok) {
    throw new Error(
      `the VOD emulator at ${vodEndpoint} did not complete the upload of ${videoId} (HTTP ${response.status}); ` +
        'dev upload works against the VOD emulator only',
    );
  }
}
