// Quantities inside objects (resource lists, capacities, size limits) as upstream checks
// them. The typed decoding of the request has already refused strings that are no
// quantity, so a value that still fails to parse here reads as absent.

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { IS_NEGATIVE_ERROR_MSG } from '../../../machinery/object-meta-validation.js';
import { Quantity } from '../../../machinery/quantity.js';
import { isIntegerResourceName } from './resource-names.js';

export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';
export const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';

/** The quantity of a JSON value (`"100m"`, `2`), or undefined. */
export function quantityOf(value: unknown): Quantity | undefined {
  try {
    return Quantity.fromJSON(value);
  } catch {
    return undefined;
  }
}

/** The entries of a resource list (`{cpu: "1", memory: "1Gi"}`) whose values are quantities, in JSON order. */
export function resourceList(list: unknown): Array<[string, Quantity]> {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return [];
  const out: Array<[string, Quantity]> = [];
  for (const [name, value] of Object.entries(list)) {
    const q = quantityOf(value);
    if (q !== undefined) out.push([name, q]);
  }
  return out;
}

/** `must be greater than or equal to 0`, the value shown as its string. */
export function validateNonnegativeQuantity(q: Quantity, path: FieldPath): FieldErrorList {
  return q.sign() < 0 ? [invalid(path, q.toString(), IS_NEGATIVE_ERROR_MSG)] : [];
}

/** `must be greater than zero`. */
export function validatePositiveQuantityValue(q: Quantity, path: FieldPath): FieldErrorList {
  return q.sign() <= 0 ? [invalid(path, q.toString(), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

/** Non-negative, and whole for resources counted in units (pods, services, extended resources). */
export function validateResourceQuantityValue(resource: string, q: Quantity, path: FieldPath): FieldErrorList {
  const errs = validateNonnegativeQuantity(q, path);
  if (isIntegerResourceName(resource) && q.scaledBigInt(-3) % 1000n !== 0n) {
    errs.push(invalid(path, q.toString(), IS_NOT_INTEGER_ERROR_MSG));
  }
  return errs;
}

/** upstream's validateBasicResource: the value (in units, as an integer) is not negative. */
export function validateBasicResource(q: Quantity, path: FieldPath): FieldErrorList {
  return q.value() < 0 ? [invalid(path, q.value(), 'must be a valid resource quantity')] : [];
}
