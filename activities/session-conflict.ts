// VOD refuses a transcode whose SessionId was used within 7 days. vodflow's SessionId is one per
// (video, attempt), so a refusal means this very attempt's job exists already: an earlier try went
// through and its reply was lost. VOD does not document the error code for it; VOD (and the
// emulator) answer with an invalid-parameter error that names SessionId.
export function isSessionIdConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    code.startsWith('InvalidParameter') &&
    typeof message === 'string' &&
    message.includes('SessionId')
  );
}
