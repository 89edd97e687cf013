// PriorityClass validation: upstream's ValidatePriorityClass / ValidatePriorityClassUpdate.
// Names starting with `system-` belong to the two built-in classes; other classes stay at
// or below one billion. Value and preemptionPolicy never change.

import { forbidden, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { bool, num, optStr } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goPointer } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';

const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
const SYSTEM_PREFIX = 'system-';

/** The classes the API server creates at start-up, with their values (none is a global default). */
const SYSTEM_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
};

/** Why a `system-` class is not one of the built-in ones, or undefined when it is. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = SYSTEM_CLASSES[name];
  if (expected === undefined) return `${name} is not a known system priority class`;
  if (expected !== value) return `value of ${name} PriorityClass must be ${expected}`;
  return globalDefault ? `globalDefault of ${name} PriorityClass must be false` : undefined;
}

/** Upstream's core ValidatePreemptionPolicy. */
function validatePreemptionPolicy(policy: string, path: FieldPath): FieldErrorList {
  if (policy === '') return [required(path, '')];
  const valid = ['PreemptLowerPriority', 'Never'];
  return valid.includes(policy) ? [] : [notSupported(path, policy, valid)];
}

function validatePriorityClass(pc: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(pc, false, nameIsDNSSubdomain);
  const name = pc.metadata.name ?? '';
  const value = num(pc, 'value');
  if (name.startsWith(SYSTEM_PREFIX)) {
    const reason = systemClassError(name, value, bool(pc, 'globalDefault'));
    if (reason !== undefined) {
      errs.push(forbidden(root('metadata', 'name'), `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${reason}`));
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const preemptionPolicy = optStr(pc, 'preemptionPolicy');
  if (preemptionPolicy !== undefined) errs.push(...validatePreemptionPolicy(preemptionPolicy, root('preemptionPolicy')));
  return errs;
}

export const priorityClassValidator: ResourceValidator = {
  validate: validatePriorityClass,
  validateUpdate: (pc, old) => {
    const errs = validateObjectMetaUpdateOf(pc, old);
    if (num(pc, 'value') !== num(old, 'value')) errs.push(forbidden(root('value'), 'may not be changed in an update.'));
    return [...errs, ...validateImmutableField(goPointer(pc.preemptionPolicy), goPointer(old.preemptionPolicy), root('preemptionPolicy'))];
  },
};
