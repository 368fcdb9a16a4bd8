import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
// `.ts` when vodflow runs from its sources (through tsx), `.js` when it runs compiled from dist/.
const EXTENSION = path.extname(__filename);

/** How to run one of vodflow's programs (e.g. emulators/smq/main) with the current node. */
export function programCommand(relativeWithoutExtension: string): { command: string; args: string[] } {
  const file = path.join(ROOT, `${relativeWithoutExtension}${EXTENSION}`);
  // Compiled: plain node. Sources: tsx's loader in the same process (the tsx CLI would add a second
  // process that a hard kill of the first leaves behind).
  return {
    command: process.execPath,
    args: EXTENSION === '.ts' ? ['--import', 'tsx', file] : [file],
  };
}

/** A source file's path in the same form (sources or compiled) as the running code. */
export function programPath(relativeWithoutExtension: string): string {
  return path.join(ROOT, `${relativeWithoutExtension}${EXTENSION}`);
}
