// Name-format checks as field errors: the machinery's format checks (which return plain
// messages) reported at a path, one Invalid error per message, as upstream's
// ValidateDNS1123Label & co. do.

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import {
  isCIdentifier, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, type ValidateNameFunc,
} from '../../../machinery/name-validation.js';

/** One Invalid error at `path` for each message of `check(value)`. */
export function checkWith(check: (value: string) => string[], value: string, path: FieldPath): FieldErrorList {
  return check(value).map((msg) => invalid(path, value, msg));
}

/** A DNS (RFC 1123) label. */
export function validateDNS1123Label(value: string, path: FieldPath): FieldErrorList {
  return checkWith(isDNS1123Label, value, path);
}

/** A DNS (RFC 1123) subdomain. */
export function validateDNS1123Subdomain(value: string, path: FieldPath): FieldErrorList {
  return checkWith(isDNS1123Subdomain, value, path);
}

/** A DNS-1035 label. */
export function validateDNS1035Label(value: string, path: FieldPath): FieldErrorList {
  return checkWith(isDNS1035Label, value, path);
}

/** A qualified name (`prefix/name`, as label keys). */
export function validateQualifiedName(value: string, path: FieldPath): FieldErrorList {
  return checkWith(isQualifiedName, value, path);
}

/** A C identifier. */
export function validateCIdentifier(value: string, path: FieldPath): FieldErrorList {
  return checkWith(isCIdentifier, value, path);
}

/** An object name checked by a kind's name rule (not a prefix), e.g. a reference to a Secret. */
export function validateObjectName(nameFn: ValidateNameFunc, value: string, path: FieldPath): FieldErrorList {
  return nameFn(value, false).map((msg) => invalid(path, value, msg));
}
