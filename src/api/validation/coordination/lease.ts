// Lease validation: upstream's ValidateLease / ValidateLeaseUpdate (with apimachinery's
// metadata checks, which unlike the core group's do not restrict finalizer names).

import { forbidden, invalid, notSupported, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta-validation.js';
import { objOrEmpty, optNum, optStr, type Json } from '../common/json.js';
import type { ResourceValidator } from '../validator.js';

const SPEC = root('spec');
const METADATA = root('metadata');
const STRATEGIES = ['OldestEmulationVersion'];

/** A coordinated-leader-election strategy: a Kubernetes-defined name, or a qualified `domain/name`. */
function validateStrategy(strategy: string, path: FieldPath): FieldErrorList {
  if (!strategy.includes('/')) return STRATEGIES.includes(strategy) ? [] : [notSupported(path, strategy, STRATEGIES)];
  return isQualifiedName(strategy).map((msg) => invalid(path, strategy, msg));
}

function validateSpec(spec: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const duration = optNum(spec, 'leaseDurationSeconds');
  if (duration !== undefined && duration <= 0) errs.push(invalid(path.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = optNum(spec, 'leaseTransitions');
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid(path.child('leaseTransitions'), transitions, 'must be greater than or equal to 0'));
  }
  const strategy = optStr(spec, 'strategy');
  // Upstream descends to "strategy" twice.
  if (strategy !== undefined) errs.push(...validateStrategy(strategy, path.child('strategy', 'strategy')));
  const holder = optStr(spec, 'preferredHolder');
  if (holder !== undefined && holder !== '' && (strategy === undefined || strategy === '')) {
    errs.push(forbidden(path.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export const leaseValidator: ResourceValidator = {
  validate: (lease) => [
    ...validateObjectMeta(lease.metadata as ObjectMeta, true, nameIsDNSSubdomain, METADATA),
    ...validateSpec(objOrEmpty(lease, 'spec'), SPEC),
  ],
  validateUpdate: (lease, old) => [
    ...validateObjectMetaUpdate(lease.metadata as ObjectMeta, old.metadata as ObjectMeta, METADATA),
    ...validateSpec(objOrEmpty(lease, 'spec'), SPEC),
  ],
};
