// A protobuf wire-format reader for tests: splits a message into its fields, written
// independently of the encoder so that the tests check the encoder against the format
// (https://protobuf.dev/programming-guides/encoding/), not against itself.

/** Thrown when bytes are not a well-formed protobuf message. */
export class MalformedProtobufError extends Error {}

export interface WireField {
  readonly field: number;
  /** 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
  readonly wireType: number;
  /** The varint of wire type 0. */
  readonly varint: bigint;
  /** The payload of wire types 1, 2 and 5. */
  bytes(): Buffer;
  /** The payload as UTF-8. */
  text(): string;
}

export function readFields(message: Buffer): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= message.length) throw new MalformedProtobufError('truncated varint');
      const byte = message[at++] ?? 0;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
      if (shift > 63n) throw new MalformedProtobufError('varint longer than 10 bytes');
    }
  };
  while (at < message.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new MalformedProtobufError('field number 0');
    let value = 0n;
    let payload: Buffer = Buffer.alloc(0);
    const take = (length: number): Buffer => {
      if (at + length > message.length) throw new MalformedProtobufError(`field ${field} runs past the end`);
      const slice = message.subarray(at, at + length);
      at += length;
      return slice;
    };
    if (wireType === 0) value = varint();
    else if (wireType === 1) payload = take(8);
    else if (wireType === 2) payload = take(Number(varint()));
    else if (wireType === 5) payload = take(4);
    else throw new MalformedProtobufError(`unknown wire type ${wireType}`);
    const bytes = payload;
    fields.push({ field, wireType, varint: value, bytes: () => bytes, text: () => bytes.toString('utf8') });
  }
  return fields;
}
