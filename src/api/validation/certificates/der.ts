// A minimal DER reader: enough of ASN.1 to take a PKCS#10 certificate signing request
// apart (sequences, their raw bytes, OIDs, bit strings). Node parses certificates but not
// certificate requests, so kubets reads those itself.

/** Thrown when bytes are no well-formed DER (as far as this reader needs). */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** One element: its tag, its content, and its whole encoding (tag, length and content). */
interface DerElement {
  readonly tag: number;
  readonly content: Buffer;
  readonly raw: Buffer;
}

const TAG_BIT_STRING = 0x03;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;

/** The element starting at `offset` and where the next one starts. */
function readElement(buf: Buffer, offset: number): [DerElement, number] {
  if (offset + 2 > buf.length) throw new DerError('truncated element');
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let length = buf[offset + 1] ?? 0;
  let header = 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new DerError('unsupported length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (buf[offset + 2 + i] ?? 0);
    header += octets;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new DerError('truncated element');
  return [{ tag, content: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) }, end];
}

/** The single element that makes up `buf` (no trailing data). */
export function parseDer(buf: Buffer): DerElement {
  const [element, end] = readElement(buf, 0);
  if (end !== buf.length) throw new DerError('trailing data');
  return element;
}

/** The elements inside a constructed element, requiring the expected tag. */
export function children(element: DerElement, tag = TAG_SEQUENCE): DerElement[] {
  if (element.tag !== tag) throw new DerError(`expected tag ${tag}, found ${element.tag}`);
  const out: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const [child, next] = readElement(element.content, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oid(element: DerElement): string {
  if (element.tag !== TAG_OID || element.content.length === 0) throw new DerError('expected an object identifier');
  const bytes = element.content;
  const first = bytes[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The bytes of a BIT STRING without unused bits. */
export function bitString(element: DerElement): Buffer {
  if (element.tag !== TAG_BIT_STRING || element.content.length === 0 || element.content[0] !== 0) {
    throw new DerError('expected a whole-byte bit string');
  }
  return element.content.subarray(1);
}
