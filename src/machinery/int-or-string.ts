// IntOrString (upstream's util/intstr): a JSON value that is an integer or a string,
// mostly "an absolute number or a percentage" (maxSurge: 1 or "25%"), and the scaling
// rules controllers use to turn it into a count, with upstream's rounding and messages.

/** An integer or a string, as it appears in JSON. */
export type IntOrString = number | string;

/** Thrown when an IntOrString cannot be read as a number or percentage; the message is upstream's. */
export class IntOrStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntOrStringError';
  }
}

/** Go's strconv.Atoi: optional sign, decimal digits, within int64; else its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new IntOrStringError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}

/** Upstream's intstr.Parse: an int32 when the string is one, else the string. */
export function parseIntOrString(value: string): IntOrString {
  if (/^[+-]?[0-9]+$/.test(value)) {
    const n = BigInt(value);
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return Number(n);
  }
  return value;
}

/** The integer value: an int as is, a string through Atoi (0 when it is not a number), as upstream's IntValue. */
export function intOrStringValue(value: IntOrString): number {
  if (typeof value === 'number') return value;
  try {
    return atoi(value);
  } catch {
    return 0;
  }
}

/** Whether the value is a string of the form `N%`. */
export function isPercent(value: IntOrString): boolean {
  return typeof value === 'string' && value.endsWith('%');
}

/** The number and whether it is a percentage; a string must end in '%'. */
function intOrPercent(value: IntOrString): [number, boolean] {
  if (typeof value === 'number') return [value, false];
  if (!value.endsWith('%')) throw new IntOrStringError('invalid type: string is not a percentage');
  try {
    return [atoi(value.slice(0, -1)), true];
  } catch (e) {
    throw new IntOrStringError(`invalid value ${JSON.stringify(value)}: ${(e as Error).message}`);
  }
}

/**
 * An int as is; a percentage of `total`, rounded up or down (upstream's
 * GetScaledValueFromIntOrPercent, e.g. maxSurge "25%" of 10 replicas → 3 rounding up).
 * Throws IntOrStringError (`invalid value for IntOrString: …`) for an undefined value,
 * a string without '%', or a non-numeric percentage.
 */
export function getScaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) throw new IntOrStringError('nil value for IntOrString');
  let n: number;
  let percent: boolean;
  try {
    [n, percent] = intOrPercent(value);
  } catch (e) {
    throw new IntOrStringError(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!percent) return n;
  const scaled = (n * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
