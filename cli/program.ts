import { Command } from 'commander';
import packageJson from '../package.json';
import { addGlobalOptions, applyConnectionFlags, globalsOf } from './global-options';
import { registerConsumerCommands } from './consumer-commands';
import { registerDevCommand } from './dev-command';
import { registerDoctorCommand } from './doctor-command';
import { registerSetupCommand } from './setup-command';
import { registerHookCommands } from './hook-commands';
import { registerQuarantineCommands } from './quarantine-commands';
import { registerStackCommands } from './stack-commands';
import { registerSweepCommands } from './sweep-commands';
import { registerVideoCommands } from './video-commands';

// The vodflow command line: global options, then one register…(program) call per command family.
// A new command is one registration block in its family's file (or a new family here).

export function buildProgram(): Command {
  const program = new Command('vodflow')
    .description('ApsaraVideo VOD events from SMQ into one durable Temporal workflow per video')
    .version(packageJson.version, '--version', 'print the version of vodflow')
    .helpOption('-h, --help', 'this help; `vodflow <command> --help` for a command')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'vodflow: ')) })
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment and an optional .env (see .env.example); ' +
        '--address and --namespace override it.\nExit codes: 0 done, 1 failed, refused or not found, 2 wrong usage.',
    );
  addGlobalOptions(program);
  program.hook('preAction', (_program, action) => applyConnectionFlags(globalsOf(action)));

  registerDevCommand(program);
  registerSetupCommand(program);
  registerDoctorCommand(program);
  registerStackCommands(program);
  registerConsumerCommands(program);
  registerVideoCommands(program);
  registerSweepCommands(program);
  registerQuarantineCommands(program);
  registerHookCommands(program);
  return program;
}
