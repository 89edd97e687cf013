// The Protocol Buffers wire format, write side, with proto2 presence: every call writes
// its field, zero or empty included; what to leave out is the caller's decision (gogo-
// protobuf writes every non-pointer field of a Kubernetes object, zero or not). Numbers
// are written as varints, negative ones sign-extended to ten bytes as Go's uint64(int)
// conversion does; nested messages are written into a child writer, then copied in after
// their length.

import { WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './wire-reader.js';

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** A string field (UTF-8). */
  string(field: number, value: string): void {
    this.bytes(field, utf8.encode(value));
  }

  /** A bytes field, or a message already encoded. */
  bytes(field: number, value: Uint8Array): void {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.length);
    this.append(value);
  }

  bool(field: number, value: boolean): void {
    this.key(field, WIRE_VARINT);
    this.varint(value ? 1 : 0);
  }

  /** An int32 or int64 field. */
  int(field: number, value: number): void {
    this.key(field, WIRE_VARINT);
    this.varint(value);
  }

  double(field: number, value: number): void {
    this.key(field, WIRE_FIXED64);
    this.reserve(8);
    new DataView(this.buffer.buffer, this.buffer.byteOffset + this.length, 8).setFloat64(0, value, true);
    this.length += 8;
  }

  /** A nested message field, written by `write` (present even when empty). */
  message(field: number, write: (writer: ProtoWriter) => void): void {
    const child = new ProtoWriter();
    write(child);
    this.bytes(field, child.finish());
  }

  /** The bytes written. */
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** A varint of an integer; negative integers as their 64-bit two's complement. */
  private varint(value: number): void {
    if (!Number.isInteger(value)) throw new RangeError(`cannot write ${value} as a varint`);
    this.reserve(10);
    if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
      let rest = BigInt.asUintN(64, BigInt(value));
      while (rest >= 0x80n) {
        this.buffer[this.length++] = Number(rest & 0x7fn) | 0x80;
        rest >>= 7n;
      }
      this.buffer[this.length++] = Number(rest);
      return;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  private append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
