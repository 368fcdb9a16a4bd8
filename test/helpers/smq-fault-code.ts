import { SmqFault } from '../../emulators/smq/errors';

/** The SMQ error code `run` throws; fails the test when it returns or throws something else. */
export function smqFaultCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SmqFault) return error.code;
    throw error;
  }
  throw new Error('expected an SmqFault');
}
