// Splits a quantity string into sign, digits, fraction and suffix exactly as upstream's
// parseQuantityString does, including its quirks (leading zeros dropped from the digits,
// `.` alone read as zero), because what it accepts and how it splits decide both the
// value and whether upstream prints the input back unchanged.

/** The pieces of a quantity string. */
export interface QuantityParts {
  readonly positive: boolean;
  /** Sign, digits and fraction as written (the number without its suffix). */
  readonly value: string;
  /** Integer digits without leading zeros ('0' when none). */
  readonly num: string;
  /** Fraction digits. */
  readonly denom: string;
  readonly suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** The parts of `str`, or undefined when it does not have the shape of a quantity. */
export function parseQuantityString(str: string): QuantityParts | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  // Nothing but zeros: zero, and upstream stops reading here.
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  if (pos >= end) return { positive, value: str, num, denom: '', suffix: '' };

  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return { positive, value: str, num, denom, suffix: '' };
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}
