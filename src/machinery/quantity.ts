// Resource quantities (upstream's api/resource.Quantity): `100m`, `1.5Gi`, `1e3`, `2k`.
// Values are exact (a bigint times a power of ten), rounded up to nano-units on parse as
// upstream rounds them. The string form is upstream's, character for character: the input
// itself when upstream keeps it (it keeps "canonical-looking" inputs such as `100m`,
// `1Ki`, `1e3`), else the canonical form (`1000m` → `1`, `0.5` → `500m`, `1.5Gi` → `1536Mi`).

import { parseQuantityString, type QuantityParts } from './quantity-string.js';

/** How a quantity prints: `12e6`, `12Mi` (powers of 1024) or `12M` (powers of 1000). */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** Thrown when a string is not a quantity; the message is one of upstream's three. */
export class QuantityParseError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const formatWrong = (s: string): QuantityParseError =>
  new QuantityParseError(`quantities must match the regular expression '${QUANTITY_REGEX}'`, s);

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const DECIMAL_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map([...BINARY_SUFFIXES].map(([s, e]) => [e, s]));

interface Suffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exponent = parseInt64(suffix.slice(1));
    // Upstream truncates the exponent to int32; anything that large is unusable anyway.
    if (exponent !== undefined && exponent >= -(2n ** 31n) && exponent < 2n ** 31n) {
      return { base: 10, exponent: Number(exponent), format: 'DecimalExponent' };
    }
  }
  return undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const NANO = -9;

function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `value` divided by 10^digits, rounded away from zero when inexact (upstream's "round up"). */
function divideRoundingUp(value: bigint, digits: number): bigint {
  const divisor = pow10(digits);
  const quotient = value / divisor;
  if (value % divisor === 0n) return quotient;
  return value < 0n ? quotient - 1n : quotient + 1n;
}

/** Removes factors of `base` from |n|; returns the rest (with n's sign) and how many. */
function removeFactors(n: bigint, base: bigint): [bigint, number] {
  let rest = n;
  let times = 0;
  while (rest !== 0n && rest % base === 0n) {
    rest /= base;
    times++;
  }
  return [rest, times];
}

/** An exact resource amount and the format it prints in. Immutable. */
export class Quantity {
  private constructor(
    /** The value is unscaled × 10^exponent. */
    private readonly unscaled: bigint,
    private readonly exponent: number,
    readonly format: QuantityFormat,
    /** The input, when upstream would print it back unchanged. */
    private readonly original?: string,
  ) {}

  /** Parses a quantity; throws QuantityParseError with upstream's message. */
  static parse(input: string): Quantity {
    if (input === '') throw formatWrong(input);
    if (input === '0') return new Quantity(0n, 0, 'DecimalSI', input);
    const parts = parseQuantityString(input);
    if (parts === undefined) throw formatWrong(input);
    const suffix = interpretSuffix(parts.suffix);
    if (suffix === undefined) throw new QuantityParseError("unable to parse quantity's suffix", input);
    return Quantity.fastPath(input, parts, suffix) ?? Quantity.exactPath(input, parts, suffix);
  }

  /**
   * Upstream's int64 path, taken when the digits fit: decides whether upstream keeps the
   * input string. Returns undefined when upstream takes its arbitrary-precision path.
   */
  private static fastPath(input: string, parts: QuantityParts, suffix: Suffix): Quantity | undefined {
    const { num, denom, positive } = parts;
    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (suffix.format === 'BinarySI') {
      if (suffix.exponent < 0 || denom.length > 0) return undefined;
      mantissa = 1n << BigInt(suffix.exponent);
      precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    } else {
      scale = suffix.exponent;
      precision = 18 - (num.length + denom.length);
    }
    if (precision < 0) return undefined;
    scale -= denom.length;
    if (scale < NANO) return undefined;
    const shifted = num + denom;
    const value = parseInt64(shifted);
    if (value === undefined) throw new QuantityParseError('unable to parse numeric part of quantity', input);
    let result = value * mantissa;
    if (result > INT64_MAX) return undefined;
    if (!positive) result = -result;
    const keep =
      suffix.format === 'BinarySI'
        ? suffix.exponent % 10 === 0 && (value & 7n) !== 0n
        : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
    return new Quantity(result, scale, suffix.format, keep ? input : undefined);
  }

  /** Upstream's arbitrary-precision path: exact value, rounded up to nano-units, binary capped at 2^63-1. */
  private static exactPath(input: string, parts: QuantityParts, suffix: Suffix): Quantity {
    const decimal = /^[+-]?([0-9]*)(?:\.([0-9]*))?$/.exec(parts.value);
    if (decimal === null || (decimal[1] ?? '') + (decimal[2] ?? '') === '') {
      throw new QuantityParseError('unable to parse numeric part of quantity', input);
    }
    let unscaled = BigInt((decimal[1] ?? '') + (decimal[2] ?? '') || '0');
    let exponent = -(decimal[2] ?? '').length;
    if (suffix.base === 10) exponent += suffix.exponent;
    else unscaled <<= BigInt(suffix.exponent);
    if (unscaled !== 0n && exponent < NANO) {
      unscaled = divideRoundingUp(unscaled, NANO - exponent);
      exponent = NANO;
    }
    let format = suffix.format;
    if (format === 'BinarySI') {
      const q = new Quantity(unscaled, exponent, format);
      if (q.cmp(Quantity.fromInt(INT64_MAX)) > 0) [unscaled, exponent] = [INT64_MAX, 0];
      else if (!q.isZero() && q.cmp(Quantity.fromInt(1n)) < 0) format = 'DecimalSI';
    }
    return new Quantity(parts.positive ? unscaled : -unscaled, exponent, format);
  }

  /** A quantity from a decoded JSON value: a string (surrounding space ignored) or a number. */
  static fromJSON(value: unknown): Quantity {
    if (typeof value === 'string') return Quantity.parse(value.trim());
    if (typeof value === 'number' && Number.isFinite(value)) return Quantity.parse(String(value));
    throw formatWrong(String(value));
  }

  /** `value` units (upstream's NewQuantity). */
  static fromInt(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format);
  }

  /** `value` thousandths (upstream's NewMilliQuantity). */
  static fromMilli(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), -3, format);
  }

  /** `value` × 10^scale, DecimalSI (upstream's NewScaledQuantity). */
  static fromScaled(value: bigint | number, scale: number): Quantity {
    return new Quantity(BigInt(value), scale, 'DecimalSI');
  }

  /** The same value printed in another format. */
  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.unscaled, this.exponent, format);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** -1, 0 or 1. */
  sign(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Both values at a common exponent. */
  private aligned(other: Quantity): [bigint, bigint, number] {
    const e = Math.min(this.exponent, other.exponent);
    return [this.unscaled * pow10(this.exponent - e), other.unscaled * pow10(other.exponent - e), e];
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: Quantity): number {
    const [a, b] = this.aligned(other);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** The sum; a zero left side takes the right side's format, as upstream. */
  add(other: Quantity): Quantity {
    const [a, b, e] = this.aligned(other);
    return new Quantity(a + b, e, this.isZero() ? other.format : this.format);
  }

  /** The difference; a zero left side takes the right side's format, as upstream. */
  sub(other: Quantity): Quantity {
    const [a, b, e] = this.aligned(other);
    return new Quantity(a - b, e, this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.exponent, this.format);
  }

  /**
   * The value in units of 10^scale, rounded away from zero (upstream's ScaledValue on
   * its int64 path). Beyond 2^53 the number is approximate.
   */
  scaledValue(scale: number): number {
    return Number(this.scaledBigInt(scale));
  }

  /** As scaledValue, exactly. */
  scaledBigInt(scale: number): bigint {
    const shift = this.exponent - scale;
    return shift >= 0 ? this.unscaled * pow10(shift) : divideRoundingUp(this.unscaled, -shift);
  }

  /** The value in whole units (bytes, cores), rounded up. */
  value(): number {
    return this.scaledValue(0);
  }

  /** The value in thousandths (millicores), rounded up. */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** A float approximation, as upstream's AsApproximateFloat64. */
  asApproximateFloat64(): number {
    return Number(this.unscaled) * 10 ** this.exponent;
  }

  /** The string upstream prints: the kept input or the canonical form. */
  toString(): string {
    return this.original ?? this.canonical();
  }

  toJSON(): string {
    return this.toString();
  }

  /** Upstream's canonical form (CanonicalizeBytes). */
  canonical(): string {
    if (this.isZero()) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const small = this.cmp(Quantity.fromInt(-1024)) > 0 && this.cmp(Quantity.fromInt(1024)) < 0;
      const integral = this.exponent >= 0 || this.unscaled % pow10(-this.exponent) === 0n;
      if (small || !integral) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      const [mantissa, times] = removeFactors(this.scaledBigInt(0), 1024n);
      return `${mantissa}${BINARY_BY_EXPONENT.get(times * 10) ?? ''}`;
    }
    let [mantissa, exponent] = removeFactors(this.unscaled, 10n);
    exponent += this.exponent;
    while (exponent % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
    // Beyond E (10^18) upstream has no suffix and prints the digits alone; so does kubets.
    return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
  }
}

/** `Quantity.parse`, as a function. */
export function parseQuantity(input: string): Quantity {
  return Quantity.parse(input);
}
