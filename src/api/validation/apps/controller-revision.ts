// ControllerRevision validation: upstream's ValidateControllerRevisionCreate /
// ValidateControllerRevisionUpdate. `data` holds a JSON object and never changes.

import { required, root, type FieldErrorList } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField, validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, num } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import type { ResourceValidator } from '../validator.js';

const DATA = root('data');

function validateRevision(obj: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(obj, true, nameIsDNSSubdomain), ...validateNonnegativeField(num(obj, 'revision'), root('revision'))];
}

/** `data` is required and must be a JSON object (a decoded request cannot hold unparsable JSON). */
function validateData(data: unknown): FieldErrorList {
  if (data === undefined || data === null) return [required(DATA, 'data is mandatory')];
  return asObject(data) === undefined ? [required(DATA, 'data must be a valid JSON object')] : [];
}

export const controllerRevisionValidator: ResourceValidator = {
  validate: (obj) => [...validateRevision(obj), ...validateData(obj.data)],
  validateUpdate: (obj, old) => [
    ...validateObjectMetaUpdateOf(obj, old),
    ...validateRevision(obj),
    ...validateImmutableField(obj.data ?? null, old.data ?? null, DATA),
  ],
};
