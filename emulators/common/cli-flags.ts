// Flag readers shared by the emulators' command lines: a bad value is a clear error naming the flag.

export function numberFlag(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RangeError(`--${name} must be a number`);
  return value;
}

export function portFlag(text: string | undefined): number {
  const port = numberFlag(text, 'port');
  if (port === undefined) throw new RangeError('--port is required (see --help)');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('--port must be 0..65535');
  return port;
}
