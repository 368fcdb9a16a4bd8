// Flag readers shared by the emulators' command lines: a bad value is a clear error naming the flag.

export function numberFlag(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RangeError(`--${name} must be a number`);
  return value;
}

export function portFlag(text: string | undefined): number {
  const port = numberFlag(text, 'port');
  if (port === undefined) throw new RangeError('--port is required');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('--port must be 0..65535');
  return port;
}

/**
 * Ends an emulator whose start failed, with the exit codes of the vodflow command: 2 for wrong
 * flags (unknown ones, bad values: flag readers and fault validation throw RangeError), 1 for a
 * failure to start (e.g. the port is taken).
 */
export function exitOnStartFailure(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const usage =
    error instanceof RangeError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  console.error(usage ? `${message} (see --help)` : message);
  process.exit(usage ? 2 : 1);
}
