// Go's base64.StdEncoding.Decode, as far as what it accepts and where it reports the
// first bad byte: a `[]byte` field (Secret data, caBundle, CSR request) decodes through it,
// and kube-apiserver answers bad input with its error (`illegal base64 data at input byte
// 4`). Go skips `\r` and `\n` anywhere, requires `=` padding to a multiple of four, and
// allows nothing after the padding.

const PAD = 0x3d;

const ALPHABET = new Uint8Array(256).fill(0);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;

function isNewline(b: number | undefined): boolean {
  return b === 0x0a || b === 0x0d;
}

/** Go's error for `text` as standard base64, or undefined when Go accepts it. */
export function goBase64Error(text: string): string | undefined {
  const src = Buffer.from(text, 'utf8');
  let si = 0;
  while (si < src.length) {
    const result = quantum(src, si);
    if (typeof result === 'string') return result;
    si = result;
  }
  return undefined;
}

function corrupt(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

/** One group of four symbols from `si` (Go's decodeQuantum); the next offset, or the error. */
function quantum(src: Buffer, start: number): number | string {
  let si = start;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) {
      if (j === 0) return si;
      return corrupt(si - j);
    }
    const b = src[si++]!;
    if (ALPHABET[b] === 1) continue;
    if (isNewline(b)) {
      j--;
      continue;
    }
    if (b !== PAD) return corrupt(si - 1);
    return padding(src, si, j);
  }
  return si;
}

/** After a `=` read as symbol `j` of a group, just before `si`. */
function padding(src: Buffer, start: number, j: number): number | string {
  let si = start;
  if (j < 2) return corrupt(si - 1);
  if (j === 2) {
    while (si < src.length && isNewline(src[si])) si++;
    if (si === src.length) return corrupt(src.length);
    if (src[si] !== PAD) return corrupt(si - 1);
    si++;
  }
  while (si < src.length && isNewline(src[si])) si++;
  if (si < src.length) return corrupt(si);
  return si;
}

/** The base64 Go writes back for input it accepted: padded, without line breaks. */
export function canonicalBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('base64');
}
