// VOD writes UTC times without milliseconds, except AI events, which use a colon before them.

/** `yyyy-MM-ddTHH:mm:ssZ` */
export function vodTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `yyyy-MM-ddTHH:mm:ss:SSSZ` (not ISO 8601). */
export function vodTimeWithColonMillis(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ':$1Z');
}
