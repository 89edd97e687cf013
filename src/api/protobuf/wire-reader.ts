// The Protocol Buffers wire format, read side (https://protobuf.dev/programming-guides/encoding/):
// a message is a sequence of (key, value) records; the key is a varint holding the field
// number and the wire type; varints carry 7 bits a byte, low bits first. Only what the
// Kubernetes API messages use is read: varints, 64-bit fixed (double), length-delimited
// (strings, bytes, messages, packed repeated numbers). Fixed 32-bit values are skipped
// when a field is unknown; groups are refused, as no Kubernetes message has them.

import { ProtobufDecodeError } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;


/**
 * One record of a message. A varint is kept as its low and high 32 bits (unsigned), so
 * that int64 values (and int32 values, which negative numbers sign-extend to ten bytes)
 * lose nothing; a length-delimited or fixed value is the range [start, end) of `data`.
 */
export interface WireField {
  readonly number: number;
  readonly wireType: number;
  readonly lo: number;
  readonly hi: number;
  readonly data: Uint8Array;
  readonly start: number;
  readonly end: number;
}

const TWO_32 = 0x1_0000_0000;

/** Reads a varint at `at`; returns [lo, hi, next offset]. */
function readVarint(data: Uint8Array, at: number, limit: number): [number, number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    if (at >= limit) throw new ProtobufDecodeError('unexpected end of data in a varint');
    const byte = data[at++]!;
    const bits = byte & 0x7f;
    const shift = i * 7;
    if (shift < 28) lo += bits * 2 ** shift;
    else if (shift === 28) {
      lo += (bits & 0x0f) * 2 ** 28;
      hi += bits >>> 4;
    } else hi += bits * 2 ** (shift - 32);
    if (byte < 0x80) return [lo >>> 0, hi % TWO_32 >>> 0, at];
  }
  throw new ProtobufDecodeError('a varint is longer than ten bytes');
}

/** The records of the message in data[start, end), in order. */
export function readFields(data: Uint8Array, start = 0, end = data.length): WireField[] {
  const fields: WireField[] = [];
  let at = start;
  while (at < end) {
    const [keyLo, keyHi, afterKey] = readVarint(data, at, end);
    const key = keyHi * TWO_32 + keyLo;
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (number < 1 || number > 0x1fff_ffff) throw new ProtobufDecodeError(`illegal field number ${number}`);
    at = afterKey;
    switch (wireType) {
      case WIRE_VARINT: {
        const [lo, hi, next] = readVarint(data, at, end);
        fields.push({ number, wireType, lo, hi, data, start: at, end: next });
        at = next;
        break;
      }
      case WIRE_FIXED64:
      case WIRE_FIXED32: {
        const next = at + (wireType === WIRE_FIXED64 ? 8 : 4);
        if (next > end) throw new ProtobufDecodeError('unexpected end of data in a fixed-size value');
        fields.push({ number, wireType, lo: 0, hi: 0, data, start: at, end: next });
        at = next;
        break;
      }
      case WIRE_LENGTH_DELIMITED: {
        const [lengthLo, lengthHi, bodyStart] = readVarint(data, at, end);
        const next = bodyStart + lengthHi * TWO_32 + lengthLo;
        if (next > end) throw new ProtobufDecodeError('unexpected end of data in a length-delimited value');
        fields.push({ number, wireType, lo: 0, hi: 0, data, start: bodyStart, end: next });
        at = next;
        break;
      }
      default:
        throw new ProtobufDecodeError(`illegal wire type ${wireType} for field ${number}`);
    }
  }
  return fields;
}

/** The records grouped by field number, each group in the order of the message. */
export function groupFields(fields: readonly WireField[]): Map<number, WireField[]> {
  const groups = new Map<number, WireField[]>();
  for (const field of fields) {
    const group = groups.get(field.number);
    if (group === undefined) groups.set(field.number, [field]);
    else group.push(field);
  }
  return groups;
}

/** The varints of a packed repeated field. */
export function readPackedVarints(field: WireField): [lo: number, hi: number][] {
  const values: [number, number][] = [];
  let at = field.start;
  while (at < field.end) {
    const [lo, hi, next] = readVarint(field.data, at, field.end);
    values.push([lo, hi]);
    at = next;
  }
  return values;
}

/** The bytes of a length-delimited field (a view, not a copy). */
export function bytesOf(field: WireField): Uint8Array {
  return field.data.subarray(field.start, field.end);
}

/** A varint as Go's int32 conversion sees it: the low 32 bits, signed. */
export function int32Of(lo: number): number {
  return lo | 0;
}

/** A varint as a signed 64-bit number (exact up to 2^53; beyond that, the nearest double). */
export function int64Of(lo: number, hi: number): number {
  if (hi < 0x200000) return hi * TWO_32 + lo;
  if (hi >= 0xffe00000) return (hi - TWO_32) * TWO_32 + lo;
  return Number(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
}

/** A fixed 64-bit field as a little-endian double. */
export function doubleOf(field: WireField): number {
  return new DataView(field.data.buffer, field.data.byteOffset + field.start, 8).getFloat64(0, true);
}
