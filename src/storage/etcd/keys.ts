// Store keys ⇄ etcd keys. A store key is a string; in etcd it is the UTF-8 bytes of the
// configured prefix followed by the key. etcd orders keys by bytes, which for UTF-8 is
// the order of code points, the same order the SQLite backend gives.

/** etcd's "all keys from here on" range end, and the smallest key. */
const ZERO = Buffer.from([0]);

export class KeySpace {
  private readonly prefix: Buffer;

  constructor(prefix: string) {
    this.prefix = Buffer.from(prefix, 'utf8');
  }

  /** The etcd key of a store key. */
  toEtcd(key: string): Buffer {
    return Buffer.concat([this.prefix, Buffer.from(key, 'utf8')]);
  }

  /** The store key of an etcd key read back from etcd (always under the prefix). */
  fromEtcd(key: Buffer): string {
    return key.subarray(this.prefix.length).toString('utf8');
  }

  /**
   * The etcd range [key, rangeEnd) of all store keys starting with `prefix`, optionally
   * starting at the store key `from` (which sorts after `prefix`).
   */
  range(prefix: string, from?: string): { key: Buffer; rangeEnd: Buffer } {
    const start = this.toEtcd(prefix);
    const rangeEnd = prefixEnd(start);
    if (from !== undefined) return { key: this.toEtcd(from), rangeEnd };
    // etcd refuses an empty key; "\0" is the smallest one and means the same.
    return { key: start.length === 0 ? ZERO : start, rangeEnd };
  }
}

/**
 * The smallest key greater than every key starting with `prefix`: the prefix with its
 * last byte below 0xff incremented and what follows dropped; "\0" (no end) when there
 * is no such byte.
 */
export function prefixEnd(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const byte = prefix[i] as number;
    if (byte < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i] = byte + 1;
      return end;
    }
  }
  return ZERO;
}
