import { VodApiError } from '../../clients/vod';

/** The VodApiError a call fails with; fails the test when it succeeds or fails otherwise. */
export async function vodApiFailure(promise: Promise<unknown>): Promise<VodApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VodApiError) return error;
    throw error;
  }
  throw new Error('expected a VodApiError');
}
