// ReplicaSet validation: upstream's ValidateReplicaSet / ValidateReplicaSetUpdate and the
// selector immutability its strategy adds. An update is validated as a create too (minus
// the name rules of a create), as upstream's strategy does.

import { invalid, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { num, objOrEmpty, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goLabelSelector } from '../go-values.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { templateUpdateOptions } from '../core/pod-template.js';
import type { ResourceValidator } from '../validator.js';
import { selectorOf, validateImmutableSelector, validateRequiredSelector } from './workload-selector.js';
import { validateTemplateForReplicaSet } from './workload-template.js';

const SPEC = root('spec');

function validateReplicaSetSpec(spec: Json, path: FieldPath, podOpts?: PodValidationOptions): FieldErrorList {
  const errs = [
    ...validateNonnegativeField(num(spec, 'replicas'), path.child('replicas')),
    ...validateNonnegativeField(num(spec, 'minReadySeconds'), path.child('minReadySeconds')),
    // Upstream's message names deployments here too.
    ...validateRequiredSelector(spec, path, 'deployment'),
  ];
  const selector = selectorOf(spec.selector);
  if (selector === undefined) errs.push(invalid(path.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(objOrEmpty(spec, 'template'), selector, path.child('template'), podOpts));
  return errs;
}

function validateReplicaSet(obj: ApiObject, podOpts?: PodValidationOptions): FieldErrorList {
  return [...validateObjectMetaOf(obj, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(objOrEmpty(obj, 'spec'), SPEC, podOpts)];
}

export const replicaSetValidator: ResourceValidator = {
  validate: (obj) => validateReplicaSet(obj),
  validateUpdate: (obj, old) => {
    const podOpts = templateUpdateOptions(objOrEmpty(objOrEmpty(old, 'spec'), 'template'));
    return [
      ...validateReplicaSet(obj, podOpts),
      ...validateObjectMetaUpdateOf(obj, old),
      ...validateReplicaSetSpec(objOrEmpty(obj, 'spec'), SPEC, podOpts),
      ...validateImmutableSelector(obj, old),
    ];
  },
};
