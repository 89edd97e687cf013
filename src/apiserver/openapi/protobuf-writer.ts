// A minimal Protocol Buffers encoder: varints, length-delimited fields and nested
// messages, in proto3's wire format (https://protobuf.dev/programming-guides/encoding/).
//
// A nested message's length comes before its bytes, so a message is written before its
// key and length. Every writer of one tree writes into a shared arena and keeps a list of
// the byte runs that are its output; a parent appends its children's runs after their
// key and length, and `finish` joins the runs once.

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const ARENA_CHUNK = 64 * 1024;
/** Longer strings become runs of their own instead of being copied into the arena. */
const COPY_LIMIT = 1024;

/** Bump allocator for the bytes of a writer tree. */
class Arena {
  buffer = Buffer.allocUnsafe(ARENA_CHUNK);
  offset = 0;

  reserve(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) {
      this.buffer = Buffer.allocUnsafe(Math.max(ARENA_CHUNK, bytes));
      this.offset = 0;
    }
  }
}

export class ProtoWriter {
  private readonly runs: Uint8Array[] = [];
  private closedSize = 0;
  /** The run being written: arena bytes [openStart, openEnd) of openBuffer. */
  private openBuffer: Buffer | undefined;
  private openStart = 0;
  private openEnd = 0;

  constructor(private readonly arena: Arena = new Arena()) {}

  /** Bytes written so far. */
  get size(): number {
    return this.closedSize + (this.openEnd - this.openStart);
  }

  /** A string field; proto3 leaves out the empty string. */
  string(field: number, value: string): void {
    if (value !== '') this.bytes(field, Buffer.from(value, 'utf8'));
  }

  /** A repeated string field (empty strings are kept: they are list members). */
  repeatedString(field: number, values: readonly string[]): void {
    for (const value of values) this.bytes(field, Buffer.from(value, 'utf8'));
  }

  /** A bool field; proto3 leaves out false. */
  bool(field: number, value: boolean): void {
    if (value) this.boolAlways(field, true);
  }

  /** A bool written even when false: a member of a oneof, whose presence is the point. */
  boolAlways(field: number, value: boolean): void {
    this.key(field, WIRE_VARINT);
    this.varint(value ? 1 : 0);
  }

  /** A nested message field, written by `write` (present even when empty). */
  message(field: number, write: (w: ProtoWriter) => void): void {
    const child = new ProtoWriter(this.arena);
    write(child);
    child.closeRun();
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.varint(child.closedSize);
    this.closeRun();
    this.runs.push(...child.runs);
    this.closedSize += child.closedSize;
  }

  /** The encoded message. */
  finish(): Buffer {
    this.closeRun();
    return Buffer.concat(this.runs, this.closedSize);
  }

  private bytes(field: number, data: Uint8Array): void {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.varint(data.length);
    if (data.length > COPY_LIMIT) {
      this.closeRun();
      this.runs.push(data);
      this.closedSize += data.length;
      return;
    }
    const at = this.claim(data.length);
    this.arena.buffer.set(data, at);
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** An unsigned varint: 7 bits a byte, low bits first, the high bit set on all but the last. */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot encode ${value} as an unsigned varint`);
    const at = this.claim(10);
    const buffer = this.arena.buffer;
    let end = at;
    let rest = value;
    while (rest >= 0x80) {
      buffer[end++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    buffer[end++] = rest;
    // Give back what the varint did not need.
    this.arena.offset = end;
    this.openEnd = end;
  }

  /** Room for `bytes` bytes at the end of this writer's open run; returns where they start. */
  private claim(bytes: number): number {
    const arena = this.arena;
    arena.reserve(bytes);
    if (this.openBuffer !== arena.buffer || this.openEnd !== arena.offset) {
      this.closeRun();
      this.openBuffer = arena.buffer;
      this.openStart = this.openEnd = arena.offset;
    }
    const at = arena.offset;
    arena.offset += bytes;
    this.openEnd = arena.offset;
    return at;
  }

  private closeRun(): void {
    if (this.openBuffer !== undefined && this.openEnd > this.openStart) {
      this.runs.push(this.openBuffer.subarray(this.openStart, this.openEnd));
      this.closedSize += this.openEnd - this.openStart;
    }
    this.openBuffer = undefined;
    this.openStart = this.openEnd = 0;
  }
}
