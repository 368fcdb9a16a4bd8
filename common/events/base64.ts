// Base64 over UTF-8 with web-standard globals only (atob, btoa, TextEncoder, TextDecoder), so this
// module stays importable from Temporal workflow code, where Node's Buffer is not available.

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function encodeUtf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Chunks keep String.fromCharCode's argument count small.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** The UTF-8 text a strict (padded, standard-alphabet, no whitespace) Base64 string encodes. */
export function decodeUtf8Base64(
  encoded: string,
): { ok: true; text: string } | { ok: false; problem: string } {
  if (encoded.length === 0 || !STRICT_BASE64.test(encoded)) {
    return { ok: false, problem: 'not strict Base64 (standard alphabet, padded, no whitespace)' };
  }
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'Base64 content is not valid UTF-8' };
  }
}
