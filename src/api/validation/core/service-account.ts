// ServiceAccount: only its metadata is checked (upstream's ValidateServiceAccount).

import type { FieldErrorList } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';

export function validateServiceAccount(sa: ApiObject): FieldErrorList {
  return validateObjectMetaOf(sa, true, nameIsDNSSubdomain);
}

export function validateServiceAccountUpdate(sa: ApiObject, old: ApiObject): FieldErrorList {
  return [...validateObjectMetaUpdateOf(sa, old), ...validateServiceAccount(sa)];
}
