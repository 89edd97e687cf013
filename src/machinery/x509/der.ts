// Minimal ASN.1 DER: the encoders X.509 certificates need, and a reader just deep enough
// to take apart what node:crypto hands us (a SubjectPublicKeyInfo, an issuer's Name).
// Every encoder returns one complete TLV, so that they compose by nesting calls.

/** Thrown when bytes given to the reader are not well-formed DER. */
export class DerError extends Error {
  readonly code = 'InvalidDer';
}

const TAG_BOOLEAN = 0x01;
const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_NULL = 0x05;
const TAG_OID = 0x06;
const TAG_UTF8_STRING = 0x0c;
const TAG_PRINTABLE_STRING = 0x13;
const TAG_IA5_STRING = 0x16;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_SEQUENCE = 0x30;
const TAG_SET = 0x31;
const CONSTRUCTED = 0x20;
const CONTEXT_SPECIFIC = 0x80;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a single-byte tag (tag numbers up to 30, all X.509 needs). */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export function sequence(...items: readonly Uint8Array[]): Buffer {
  return tlv(TAG_SEQUENCE, Buffer.concat(items));
}

/** SET OF: DER orders the members by their encodings. */
export function set(...items: readonly Uint8Array[]): Buffer {
  const sorted = [...items].sort((a, b) => Buffer.compare(a, b));
  return tlv(TAG_SET, Buffer.concat(sorted));
}

/**
 * A non-negative INTEGER, from a number, a bigint, or big-endian unsigned bytes (a serial
 * number). Leading zero bytes are dropped and one is added back when the top bit is set,
 * so that the value never reads as negative.
 */
export function integer(value: number | bigint | Uint8Array): Buffer {
  let bytes: Buffer;
  if (typeof value === 'number' || typeof value === 'bigint') {
    let n = BigInt(value);
    if (n < 0n) throw new RangeError('only non-negative INTEGERs are supported');
    const out: number[] = [];
    do {
      out.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    bytes = Buffer.from(out);
  } else {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    bytes = Buffer.from(value.subarray(start));
    if (bytes.length === 0) bytes = Buffer.from([0]);
  }
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG_INTEGER, bytes);
}

/** OBJECT IDENTIFIER from dotted form ("1.2.840.10045.4.3.2"). */
export function objectIdentifier(oid: string): Buffer {
  const arcs = oid.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new RangeError(`invalid OID ${oid}`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2n) throw new RangeError(`invalid OID ${oid}`);
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    // Base 128, most significant group first, high bit set on all but the last.
    const groups = [Number(arc & 0x7fn)];
    for (let n = arc >> 7n; n > 0n; n >>= 7n) groups.unshift(Number(n & 0x7fn) | 0x80);
    out.push(...groups);
  }
  return tlv(TAG_OID, Buffer.from(out));
}

export function utf8String(text: string): Buffer {
  return tlv(TAG_UTF8_STRING, Buffer.from(text, 'utf8'));
}

/** PrintableString; throws when the text has characters outside its small alphabet. */
export function printableString(text: string): Buffer {
  if (!isPrintable(text)) throw new RangeError(`not a PrintableString: ${JSON.stringify(text)}`);
  return tlv(TAG_PRINTABLE_STRING, Buffer.from(text, 'ascii'));
}

export function isPrintable(text: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text);
}

export function ia5String(text: string): Buffer {
  if (!/^\p{ASCII}*$/u.test(text)) throw new RangeError(`not an IA5String: ${JSON.stringify(text)}`);
  return tlv(TAG_IA5_STRING, Buffer.from(text, 'ascii'));
}

/**
 * A certificate time as RFC 5280 wants it: UTCTime for the years 1950 to 2049,
 * GeneralizedTime otherwise; always UTC, to the second.
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  if (year >= 1950 && year <= 2049) return tlv(TAG_UTC_TIME, Buffer.from(pad(year % 100) + rest, 'ascii'));
  return tlv(TAG_GENERALIZED_TIME, Buffer.from(String(year).padStart(4, '0') + rest, 'ascii'));
}

/** BIT STRING of whole bytes (a public key, a signature). */
export function bitString(bytes: Uint8Array): Buffer {
  return tlv(TAG_BIT_STRING, Buffer.concat([Buffer.from([0]), bytes]));
}

/**
 * A named-bit BIT STRING (keyUsage): bit 0 is the most significant bit of the first byte.
 * DER drops trailing zero bits, so the length and the unused-bit count follow the
 * highest bit set.
 */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(TAG_BIT_STRING, Buffer.from([0]));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unused = 7 - (highest & 7);
  return tlv(TAG_BIT_STRING, Buffer.concat([Buffer.from([unused]), bytes]));
}

export function octetString(bytes: Uint8Array): Buffer {
  return tlv(TAG_OCTET_STRING, bytes);
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG_BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return tlv(TAG_NULL, Buffer.alloc(0));
}

/** `[n] EXPLICIT`: the inner TLV wrapped in a constructed context-specific tag. */
export function explicit(tagNumber: number, inner: Uint8Array): Buffer {
  return tlv(CONTEXT_SPECIFIC | CONSTRUCTED | tagNumber, inner);
}

/** `[n] IMPLICIT`: the inner TLV with its tag replaced, keeping its constructed bit. */
export function implicit(tagNumber: number, inner: Uint8Array): Buffer {
  const first = inner[0];
  if (first === undefined) throw new RangeError('implicit tagging needs an encoded element');
  const out = Buffer.from(inner);
  out[0] = CONTEXT_SPECIFIC | (first & CONSTRUCTED) | tagNumber;
  return out;
}

/** One element read back: its tag byte, its content, and its whole encoding. */
export interface DerElement {
  readonly tag: number;
  readonly content: Buffer;
  /** Tag, length and content: the bytes to copy when re-embedding the element. */
  readonly raw: Buffer;
}

/** Reads the element that starts at `offset`. Throws DerError on truncated or malformed input. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = buf[offset];
  const first = buf[offset + 1];
  if (tag === undefined || first === undefined) throw new DerError(`truncated element at offset ${offset}`);
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at offset ${offset} is not supported`);
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError(`unsupported length encoding at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = buf[offset + 2 + i];
      if (b === undefined) throw new DerError(`truncated length at offset ${offset}`);
      length = length * 256 + b;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new DerError(`element at offset ${offset} runs past the end of the input`);
  return { tag, content: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) };
}

/** The elements inside a constructed element (a SEQUENCE, a SET, an explicit tag). */
export function readChildren(parent: DerElement): DerElement[] {
  if (!(parent.tag & CONSTRUCTED)) throw new DerError(`element with tag 0x${parent.tag.toString(16)} is not constructed`);
  const children: DerElement[] = [];
  for (let offset = 0; offset < parent.content.length; ) {
    const child = readElement(parent.content, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** Reads `bytes` as exactly one element of the given tag, with nothing after it. */
export function readSingle(bytes: Uint8Array, expectedTag: number): DerElement {
  const element = readElement(bytes);
  if (element.raw.length !== bytes.length) throw new DerError('trailing bytes after the element');
  if (element.tag !== expectedTag) {
    throw new DerError(`expected tag 0x${expectedTag.toString(16)}, found 0x${element.tag.toString(16)}`);
  }
  return element;
}

export const Tags = {
  BIT_STRING: TAG_BIT_STRING,
  SEQUENCE: TAG_SEQUENCE,
  CONTEXT_0_CONSTRUCTED: CONTEXT_SPECIFIC | CONSTRUCTED | 0,
  CONTEXT_3_CONSTRUCTED: CONTEXT_SPECIFIC | CONSTRUCTED | 3,
} as const;
