import { randomBytes } from 'node:crypto';

// Handles are URL-safe (letters, digits, '-', '_') because every SDK puts them unencoded in query
// strings. A fixed prefix and length let the engine tell "not a handle" (400) from "dead handle" (404).
const HANDLE_PREFIX = 'rh-';
const RANDOM_BYTES = 18;
const HANDLE_PATTERN = /^rh-[A-Za-z0-9_-]{24}$/;

export function newReceiptHandle(): string {
  return HANDLE_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
}

export function looksLikeReceiptHandle(text: string): boolean {
  return HANDLE_PATTERN.test(text);
}
