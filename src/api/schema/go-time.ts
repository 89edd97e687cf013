// Go's time.Parse for the two layouts Kubernetes timestamps use: what it accepts and the
// exact error it gives, because metav1.Time and metav1.MicroTime decode through it and
// kube-apiserver answers a bad timestamp with that error's text (`parsing time "x" as
// "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`). Go walks the layout one
// element at a time; so does this, with only the elements these layouts contain.

/** metav1.Time's layout (Go's time.RFC3339). */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
/** metav1.MicroTime's layout. */
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** Thrown when a timestamp does not parse; the message is Go's. */
export class GoTimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoTimeParseError';
  }
}

/** An instant: whole seconds since the Unix epoch and nanoseconds within the second. */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

type Element = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'micros' | 'zone';

/** The layouts as Go's nextStdChunk splits them: literal text before each element. */
const STEPS: Readonly<Record<string, readonly (readonly [prefix: string, element: Element, text: string])[]>> = {
  [RFC3339]: [['', 'year', '2006'], ['-', 'month', '01'], ['-', 'day', '02'], ['T', 'hour', '15'], [':', 'minute', '04'], [':', 'second', '05'], ['', 'zone', 'Z07:00']],
  [RFC3339_MICRO]: [
    ['', 'year', '2006'], ['-', 'month', '01'], ['-', 'day', '02'], ['T', 'hour', '15'], [':', 'minute', '04'],
    [':', 'second', '05'], ['', 'micros', '.000000'], ['', 'zone', 'Z07:00'],
  ],
};

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offsetSeconds: number;
}

/** Thrown inside one element: Go's errBad (`cannot parse`) or a range error. */
class ElementError {
  constructor(readonly range?: string) {}
}

/** time.Parse(layout, value) for RFC3339 or RFC3339_MICRO. */
export function parseGoTime(layout: typeof RFC3339 | typeof RFC3339_MICRO, value: string): Instant {
  const steps = STEPS[layout]!;
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0, offsetSeconds: 0 };
  let rest = value;
  for (let i = 0; i < steps.length; i++) {
    const [prefix, element, text] = steps[i]!;
    if (!rest.startsWith(prefix)) throw cannotParse(layout, value, rest, prefix);
    rest = rest.slice(prefix.length);
    try {
      rest = parseElement(element, rest, f, steps[i + 1]?.[1]);
    } catch (e) {
      if (!(e instanceof ElementError)) throw e;
      if (e.range !== undefined) throw new GoTimeParseError(`parsing time ${quote(value)}: ${e.range} out of range`);
      // Go names the value as it stood where the element began.
      throw cannotParse(layout, value, rest, text);
    }
  }
  if (rest !== '') throw new GoTimeParseError(`parsing time ${quote(value)}: extra text: ${quote(rest)}`);
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) throw new GoTimeParseError(`parsing time ${quote(value)}: day out of range`);
  const days = daysFromCivil(f.year, f.month, f.day);
  return { seconds: days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offsetSeconds, nanos: f.nanos };
}

/** Parses one element at the start of `s`, storing it in `f`; returns the rest. */
function parseElement(element: Element, s: string, f: Fields, next: Element | undefined): string {
  switch (element) {
    case 'year': {
      if (s.length < 4 || !isDigit(s, 0)) throw new ElementError();
      f.year = atoi(s.slice(0, 4));
      return s.slice(4);
    }
    case 'month': {
      const [n, rest] = getnum(s, true);
      if (n < 1 || n > 12) throw new ElementError('month');
      f.month = n;
      return rest;
    }
    case 'day':
      [f.day, s] = getnum(s, true);
      return s;
    case 'hour': {
      const [n, rest] = getnum(s, false);
      if (n >= 24) throw new ElementError('hour');
      f.hour = n;
      return rest;
    }
    case 'minute': {
      const [n, rest] = getnum(s, true);
      if (n >= 60) throw new ElementError('minute');
      f.minute = n;
      return rest;
    }
    case 'second':
      return parseSecond(s, f, next);
    case 'micros':
      if (s.length < 7) throw new ElementError();
      f.nanos = nanoseconds(s, 7);
      return s.slice(7);
    case 'zone':
      return parseZone(s, f);
  }
}

function parseSecond(s: string, f: Fields, next: Element | undefined): string {
  const [n, rest] = getnum(s, true);
  if (n >= 60) throw new ElementError('second');
  f.second = n;
  // Go takes a fraction the layout does not ask for, any number of digits.
  if (next !== 'micros' && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
    let end = 2;
    while (isDigit(rest, end)) end++;
    f.nanos = nanoseconds(rest, end);
    return rest.slice(end);
  }
  return rest;
}

function parseZone(s: string, f: Fields): string {
  if (s.startsWith('Z')) return s.slice(1);
  if (s.length < 6 || s[3] !== ':') throw new ElementError();
  // As in Go: a range error outranks malformed digits or sign; unread parts count as 0.
  let hours = 0;
  let minutes = 0;
  let malformed = false;
  try {
    hours = getnum(s.slice(1, 3), true)[0];
    minutes = getnum(s.slice(4, 6), true)[0];
  } catch {
    malformed = true;
  }
  if (minutes > 60) throw new ElementError('time zone offset minute');
  if (hours > 24) throw new ElementError('time zone offset hour');
  if (malformed || (s[0] !== '+' && s[0] !== '-')) throw new ElementError();
  f.offsetSeconds = (s[0] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return s.slice(6);
}

/** Go's parseNanoseconds: `s[0]` is the separator, then digits up to `end` (at most 9 used). */
function nanoseconds(s: string, end: number): number {
  if (s[0] !== '.' && s[0] !== ',') throw new ElementError();
  const digits = s.slice(1, Math.min(end, 10));
  const n = atoi(digits);
  if (n < 0) throw new ElementError('fractional second');
  return n * 10 ** (9 - digits.length);
}

/**
 * Whether `value` is a valid timestamp already in the form Go prints for the layout (UTC,
 * `Z`, no fraction or exactly six digits): parsing and printing it would give it back.
 * Checked by hand, since every timestamp of every write comes through here.
 */
export function isStoredForm(layout: typeof RFC3339 | typeof RFC3339_MICRO, value: string): boolean {
  const micro = layout === RFC3339_MICRO;
  if (value.length !== (micro ? 27 : 20) || value.charCodeAt(value.length - 1) !== 0x5a) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return false;
  if (micro && (value[19] !== '.' || !digitsAt(value, 20, 6))) return false;
  const year = digitsAt(value, 0, 4) ? Number(value.slice(0, 4)) : -1;
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  return (
    year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year) &&
    isBelow(twoDigits(value, 11), 24) && isBelow(twoDigits(value, 14), 60) && isBelow(twoDigits(value, 17), 60)
  );
}

function digitsAt(s: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) if (!isDigit(s, i)) return false;
  return true;
}

/** The two digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  return isDigit(s, i) && isDigit(s, i + 1) ? (s.charCodeAt(i) - 0x30) * 10 + (s.charCodeAt(i + 1) - 0x30) : -1;
}

function isBelow(n: number, limit: number): boolean {
  return n >= 0 && n < limit;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

/** Go's getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new ElementError();
  if (!isDigit(s, 1)) {
    if (fixed) throw new ElementError();
    return [s.charCodeAt(0) - 0x30, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 0x30) * 10 + (s.charCodeAt(1) - 0x30), s.slice(2)];
}

/** Go's time.atoi: an optional sign, then digits only. */
function atoi(s: string): number {
  const body = s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s;
  if (body === '' || !/^[0-9]+$/.test(body)) throw new ElementError();
  return s.startsWith('-') ? -Number(body) : Number(body);
}

function cannotParse(layout: string, value: string, valueElem: string, layoutElem: string): GoTimeParseError {
  return new GoTimeParseError(`parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
}

/** The time package's own quoting: bytes outside printable ASCII as `\xNN`. */
function quote(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte >= 0x80 || byte < 0x20) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (valid for any year). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
