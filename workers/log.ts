// Structured JSON lines on stdout, one per record; fields carry video and message ids, never secrets.
export interface JsonLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function jsonLog(
  component: string,
  write: (line: string) => void = (line) => console.log(line),
): JsonLog {
  const emit = (level: string, message: string, fields: Record<string, unknown> = {}): void =>
    write(JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields }));
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}
