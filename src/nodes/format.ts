// Encodings shared by the node and pod objects: API timestamps and stable digests that
// stand in for machine ids, container ids and image digests.

import { createHash } from 'node:crypto';

/** metav1.Time: RFC 3339 in whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A stable hex digest (SHA-256, 64 digits): ids that look real and never change. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function uuidOf(text: string): string {
  const h = digest(text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
