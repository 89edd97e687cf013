// "A count or a percentage" fields (maxSurge, maxUnavailable, minAvailable) as upstream's
// apps validation checks them; the policy group reuses these for PodDisruptionBudgets.

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { regexError } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { intOrStringValue } from '../../../machinery/int-or-string.js';

const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

/** Upstream's IsValidPercent: digits then '%'. */
function isValidPercent(value: string): string[] {
  return /^[0-9]+%$/.test(value) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')];
}

/**
 * The number of a valid percentage (`"25%"` → 25), or undefined for anything else. Digits
 * too many for Go's Atoi read as 0, as upstream ignores that error.
 */
function percentValue(value: unknown): number | undefined {
  if (typeof value !== 'string' || isValidPercent(value).length > 0) return undefined;
  const n = Number(value.slice(0, -1));
  return Number.isSafeInteger(n) ? n : 0;
}

/** The number a value stands for: a percentage's number, an int as is, other strings through Atoi (0 if none). */
export function intOrPercentValue(value: unknown): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  return typeof value === 'number' || typeof value === 'string' ? intOrStringValue(value) : 0;
}

/** A non-negative int or a well-formed percentage (upstream's ValidatePositiveIntOrPercent). Unset reads as 0. */
export function validatePositiveIntOrPercent(value: unknown, path: FieldPath): FieldErrorList {
  if (typeof value === 'string') return isValidPercent(value).map((msg) => invalid(path, value, msg));
  return validateNonnegativeField(typeof value === 'number' ? value : 0, path);
}

/** `must not be greater than 100%` for a percentage above 100. */
export function isNotMoreThan100Percent(value: unknown, path: FieldPath): FieldErrorList {
  const percent = percentValue(value);
  return percent !== undefined && percent > 100 ? [invalid(path, value, 'must not be greater than 100%')] : [];
}
