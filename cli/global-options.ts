import { InvalidArgumentError, Option, type Command } from 'commander';
import { extraRegionsOf } from '../common/config';
import { regionProblem } from '../common/regions';
import type { OutputFormat } from './output';

// Options every command takes, and the option readers several commands share. A bad value is a
// usage error (exit 2) that names the option.

export interface GlobalOptions {
  address?: string;
  namespace?: string;
  output: OutputFormat;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--address <host:port>', 'Temporal frontend (default: $TEMPORAL_ADDRESS, else 127.0.0.1:7233)')
    .option('--namespace <name>', 'Temporal namespace (default: $TEMPORAL_NAMESPACE, else default)')
    .addOption(
      new Option('--output <format>', 'table for people, json for scripts')
        .choices(['table', 'json'])
        .default('table'),
    )
    .option('--json', 'the same as --output json');
}

export function globalsOf(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{
    address?: string;
    namespace?: string;
    output: OutputFormat;
    json?: boolean;
  }>();
  return {
    address: options.address,
    namespace: options.namespace,
    output: options.json ? 'json' : options.output,
  };
}

// Configuration is read from the environment everywhere (worker, consumers, client): the flags
// override it by being written there before any command runs.
export function applyConnectionFlags(globals: GlobalOptions): void {
  if (globals.address !== undefined) process.env.TEMPORAL_ADDRESS = globals.address;
  if (globals.namespace !== undefined) process.env.TEMPORAL_NAMESPACE = globals.namespace;
}

export function regionOption(description: string): Option {
  return new Option('--region <region>', description).argParser((value: string) => {
    const problem = regionProblem(value, extraRegionsOf(process.env.VODFLOW_EXTRA_REGIONS));
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  });
}

export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    }
    return number;
  };
}
