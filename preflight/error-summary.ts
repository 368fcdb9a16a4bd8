import { isSmqError } from '../clients/smq';
import { isVodApiError } from '../clients/vod';

/**
 * A failure in one line that is safe to print: for SMQ and VOD only the service's error code, since
 * a signature error's text quotes the signed request (security token included).
 */
export function errorSummary(error: unknown): string {
  if (isVodApiError(error)) return `VOD answered ${error.code}`;
  if (isSmqError(error))
    return error.status === undefined ? `SMQ unreachable (${error.code})` : `SMQ answered ${error.code}`;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
