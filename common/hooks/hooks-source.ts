import { statSync } from 'node:fs';
import { loadHooksFile } from './load-hooks';
import type { HooksFile } from './hook-schema';

/** The deployment's hooks as the file says now. */
export type HooksSource = () => HooksFile;

// Loads the hooks file once (a broken file stops the worker at start, with every problem listed)
// and again whenever it changes, so that edits reach running videos without a restart. An edit
// that breaks the file is reported and ignored: the last good hooks stay in force.
export function hooksSource(file: string, warn: (message: string) => void): HooksSource {
  let current = loadHooksFile(file);
  let loadedMtime = mtimeOf(file);
  return () => {
    const mtime = mtimeOf(file);
    if (mtime !== loadedMtime) {
      loadedMtime = mtime;
      try {
        current = loadHooksFile(file);
      } catch (error) {
        warn(`${(error as Error).message}\nkeeping the hooks loaded before`);
      }
    }
    return current;
  };
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
