// The validation of one resource, as a strategy calls it: upstream's per-kind Validate and
// ValidateUpdate (pkg/apis/<group>/validation plus what pkg/registry/<group>/<kind>/strategy.go
// adds). Objects arrive decoded and defaulted; validators only read them.

import type { FieldError } from '../../machinery/field-errors.js';
import type { ApiObject } from '../strategy.js';

/** Validation of one resource's objects. Never throws for bad input; never changes the object. */
export interface ResourceValidator {
  /** Everything wrong with a new object, with upstream's paths, reasons and messages. */
  validate(obj: ApiObject): FieldError[];
  /** Everything wrong with `obj` replacing `old`: the rules of create plus what may not change. */
  validateUpdate(obj: ApiObject, old: ApiObject): FieldError[];
  /**
   * Validation of a status subresource write, for the resources that have their own
   * (the object carries the old spec and the new status); absent: no rules beyond the
   * metadata's.
   */
  validateStatusUpdate?(obj: ApiObject, old: ApiObject): FieldError[];
}

/** Validators of one API group, by resource (plural). */
export type GroupValidators = Readonly<Record<string, ResourceValidator>>;
