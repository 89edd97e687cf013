// PodDisruptionBudget validation: upstream's ValidatePodDisruptionBudget (which leaves the
// metadata to the generic checks every create and update gets, reproduced here).

import { invalid, notSupported, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import { nameIsPathSegment } from '../../../machinery/name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta-validation.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import type { ApiObject } from '../../strategy.js';
import { has, obj, objOrEmpty, optStr, type Json } from '../common/json.js';
import { hasInvalidLabelValue } from '../apps/workload-selector.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../apps/int-or-percent.js';
import { goIntOrString, goLabelSelector, goPointer } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';

const SPEC = root('spec');
const METADATA = root('metadata');
const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** The internal PodDisruptionBudgetSpec as upstream prints it (Go field names). */
function goSpec(spec: Json): Json {
  return {
    MinAvailable: goIntOrString(spec.minAvailable),
    Selector: goLabelSelector(spec.selector),
    MaxUnavailable: goIntOrString(spec.maxUnavailable),
    UnhealthyPodEvictionPolicy: goPointer(spec.unhealthyPodEvictionPolicy),
  };
}

function validateSpec(spec: Json, path: FieldPath, allowInvalidLabelValueInSelector: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  if (has(spec, 'minAvailable') && has(spec, 'maxUnavailable')) {
    errs.push(invalid(path, goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    if (!has(spec, field)) continue;
    errs.push(...validatePositiveIntOrPercent(spec[field], path.child(field)));
    errs.push(...isNotMoreThan100Percent(spec[field], path.child(field)));
  }
  errs.push(...validateLabelSelector(obj(spec, 'selector'), path.child('selector'), { allowInvalidLabelValueInSelector }));
  const policy = optStr(spec, 'unhealthyPodEvictionPolicy');
  if (policy !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported(path.child('unhealthyPodEvictionPolicy'), policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

/**
 * PodDisruptionBudget's own validation leaves metadata to the checks upstream's registry
 * runs for every kind (names need only be path segments): after the kind's validation on
 * create, and only when that found nothing; before it on update.
 */
function genericMeta(pdb: ApiObject): FieldErrorList {
  return validateObjectMeta(pdb.metadata as ObjectMeta, true, nameIsPathSegment, METADATA);
}

export const podDisruptionBudgetValidator: ResourceValidator = {
  validate: (pdb) => {
    const errs = validateSpec(objOrEmpty(pdb, 'spec'), SPEC, false);
    return errs.length > 0 ? errs : genericMeta(pdb);
  },
  validateUpdate: (pdb: ApiObject, old: ApiObject) => [
    ...genericMeta(pdb),
    ...validateObjectMetaUpdate(pdb.metadata as ObjectMeta, old.metadata as ObjectMeta, METADATA),
    ...validateSpec(objOrEmpty(pdb, 'spec'), SPEC, hasInvalidLabelValue(objOrEmpty(old, 'spec').selector)),
  ],
};
