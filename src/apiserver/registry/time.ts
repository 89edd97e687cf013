// Timestamps as Kubernetes writes them in metadata: RFC 3339, UTC, whole seconds.

/** `2026-11-25T17:14:21Z` for now (or for `at`). */
export function nowTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
