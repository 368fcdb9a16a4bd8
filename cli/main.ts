import { CommanderError } from 'commander';
import { loadDotEnv } from '../starters/load-env';
import { EXIT, explain } from './errors';
import { buildProgram } from './program';

// The vodflow command line. Exit codes: 0 done, 1 failed, refused or not found (the message says
// why), 2 wrong usage.

export async function runCli(argv: string[]): Promise<number> {
  // Before parsing: option readers (e.g. --region) consult settings that .env may hold.
  loadDotEnv();
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    // `vodflow emulator` passes on the emulator's own exit code.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    // Commander has printed its message already (help, version, or what was wrong).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const { message, code } = explain(err);
      console.error(`vodflow: ${message}`);
      process.exit(code);
    },
  );
}
