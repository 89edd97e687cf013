// Go's formatting conventions, as far as upstream's user-visible messages depend on them.
// Kubernetes builds its error messages with fmt (`%q`, `%v`) and orders strings by bytes;
// clients and people compare those messages character for character, so kubets formats
// the same way.

/** Whether Go's unicode.IsPrint holds: letters, marks, numbers, punctuation, symbols, ASCII space. */
function isGoPrintable(codePoint: number, char: string): boolean {
  return codePoint === 0x20 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char);
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

function escapeCodePoint(cp: number): string {
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/**
 * A string quoted as Go's `%q` / strconv.Quote does: double quotes, backslash escapes for
 * `"` and `\`, C-style escapes for control characters, `\u`/`\U` for other unprintable
 * characters; printable non-ASCII characters stay as they are.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const char of s) {
    let cp = char.codePointAt(0) ?? 0;
    // A lone surrogate cannot reach Go as text: its JSON decoder turns it into U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp === 0x22) out += '\\"';
    else if (cp === 0x5c) out += '\\\\';
    else if (isGoPrintable(cp, String.fromCodePoint(cp))) out += String.fromCodePoint(cp);
    else out += escapeCodePoint(cp);
  }
  return out + '"';
}

/** A float64 as Go's `%v` prints it: shortest digits, exponent form below 1e-4 and from 1e6 on. */
export function goFormatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Go's %v is %g with the shortest digits, which switches to %e when the decimal
  // exponent is < -4 or >= 6 (strconv's rule for the shortest precision).
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** JSON as Go's encoding/json writes it: HTML-sensitive characters escaped. */
export function goJSON(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A value as upstream's field errors print it: numbers and booleans plainly, strings
 * quoted with `%q`, anything else as JSON.
 */
export function goFormatValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : goFormatFloat(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return String(value);
    case 'string':
      return goQuote(value);
    default:
      return goJSON(value ?? null);
  }
}

/**
 * Orders strings as Go's `<` does (by UTF-8 bytes, i.e. by code point), which differs
 * from JavaScript's UTF-16 order for characters beyond U+FFFF. Returns <0, 0 or >0.
 */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character in UTF-8.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Go's len() of a string: its length in UTF-8 bytes, which upstream's length limits count. */
export function goLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * A non-negative duration of `ms` milliseconds as Go's time.Duration prints it (`%v`):
 * `0s`, `250ms`, `1.5s`, `15m0s`, `1h0m0s`.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  // Rounded to microseconds first, so binary fractions print as Go's decimal ones do.
  const seconds = Math.round((ms % 60_000) * 1000) / 1_000_000;
  const h = hours > 0 ? `${hours}h` : '';
  const m = hours > 0 || minutes > 0 ? `${minutes}m` : '';
  return `${h}${m}${seconds}s`;
}
