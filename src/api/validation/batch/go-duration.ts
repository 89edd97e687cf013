// Go's time.ParseDuration ("1h30m", "250ms", "-1.5s"), which CronJob's `@every <duration>`
// schedules use; its error texts are part of the validation message.

import { goQuote } from '../../../machinery/go-format.js';

/** Thrown when a duration does not parse; the message is Go's. */
export class GoDurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoDurationError';
  }
}

const UNIT_NANOS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's maximum duration, about 292 years, in nanoseconds. */
const MAX_NANOS = 2 ** 63 - 1;

/** The duration in nanoseconds (as a float; precise enough for validation). Throws GoDurationError. */
export function parseGoDuration(text: string): number {
  const quoted = goQuote(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new GoDurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const number = /^([0-9]*)(\.[0-9]*)?/.exec(s);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2] ?? '';
    if (whole === '' && fraction.length <= 1) throw new GoDurationError(`time: invalid duration ${quoted}`);
    s = s.slice(whole.length + fraction.length);
    const unit = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    if (unit === '') throw new GoDurationError(`time: missing unit in duration ${quoted}`);
    const nanos = UNIT_NANOS[unit];
    if (nanos === undefined) throw new GoDurationError(`time: unknown unit ${goQuote(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    total += Number(`${whole || '0'}${fraction === '.' ? '' : fraction}`) * nanos;
    if (total > MAX_NANOS) throw new GoDurationError(`time: invalid duration ${quoted}`);
  }
  return sign * total;
}
