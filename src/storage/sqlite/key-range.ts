// The range of keys that start with a prefix, as bounds for an index scan on the TEXT
// column `key` (SQLite compares TEXT as UTF-8 bytes, which is code point order).

/**
 * Every TEXT value sorts below every BLOB in SQLite, so an empty BLOB is an upper bound
 * above all keys: used when a prefix has no finite successor ('' or all U+10FFFF).
 */
const ABOVE_ALL_KEYS: Buffer = Buffer.alloc(0);

export interface KeyRange {
  /** Smallest key in the range (inclusive). */
  readonly start: string;
  /** First key past the range (exclusive), or a BLOB that sorts after every key. */
  readonly end: string | Buffer;
}

/** The keys starting with `prefix`: [prefix, successor of prefix). */
export function prefixRange(prefix: string): KeyRange {
  return { start: prefix, end: prefixEnd(prefix) ?? ABOVE_ALL_KEYS };
}

/**
 * The smallest string greater than every string that starts with `prefix`: drop trailing
 * U+10FFFF code points and increment the last one left (skipping the surrogate block).
 * Undefined when no such string exists.
 */
function prefixEnd(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last === 0x10ffff) continue;
    const next = last === 0xd7ff ? 0xe000 : last + 1;
    return String.fromCodePoint(...codePoints, next);
  }
  return undefined;
}
