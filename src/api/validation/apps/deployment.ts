// Deployment validation: upstream's ValidateDeployment / ValidateDeploymentUpdate
// (pkg/apis/apps/validation) and the selector immutability its strategy adds for apps/v1.

import { forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { num, obj, objOrEmpty, optNum, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goIntOrString, goLabelSelector } from '../go-values.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { templateUpdateOptions } from '../core/pod-template.js';
import type { ResourceValidator } from '../validator.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { selectorOf, validateImmutableSelector, validateRequiredSelector } from './workload-selector.js';
import { validateTemplateForReplicaSet } from './workload-template.js';

const SPEC = root('spec');

function validateRollingUpdate(rollingUpdate: Json, path: FieldPath): FieldErrorList {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(invalid(path.child('maxUnavailable'), goIntOrString(maxUnavailable) ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  return [...errs, ...isNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable'))];
}

/** The internal DeploymentStrategy as upstream prints it (Go field names, no json tags). */
function goStrategy(strategy: Json): Json {
  const rollingUpdate = obj(strategy, 'rollingUpdate');
  return {
    Type: str(strategy, 'type'),
    RollingUpdate: rollingUpdate === undefined
      ? null
      : { MaxUnavailable: goIntOrString(rollingUpdate.maxUnavailable) ?? 0, MaxSurge: goIntOrString(rollingUpdate.maxSurge) ?? 0 },
  };
}

function validateDeploymentStrategy(strategy: Json, path: FieldPath): FieldErrorList {
  const rollingUpdate = obj(strategy, 'rollingUpdate');
  switch (str(strategy, 'type')) {
    case 'Recreate':
      return rollingUpdate === undefined ? [] : [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      // Defaulting always fills it; upstream still guards against its absence.
      if (rollingUpdate === undefined) return [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdate(rollingUpdate, path.child('rollingUpdate'));
    default:
      return [notSupported(path, goStrategy(strategy), ['Recreate', 'RollingUpdate'])];
  }
}

/** `podOpts`: what the pod template's validation relaxes (undefined: nothing, for a new object). */
function validateDeploymentSpec(spec: Json, path: FieldPath, podOpts?: PodValidationOptions): FieldErrorList {
  const errs = [...validateNonnegativeField(num(spec, 'replicas'), path.child('replicas'))];
  errs.push(...validateRequiredSelector(spec, path, 'deployment'));
  const selector = selectorOf(spec.selector);
  if (selector === undefined) errs.push(invalid(path.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(objOrEmpty(spec, 'template'), selector, path.child('template'), podOpts));
  errs.push(...validateDeploymentStrategy(objOrEmpty(spec, 'strategy'), path.child('strategy')));
  const minReadySeconds = num(spec, 'minReadySeconds');
  errs.push(...validateNonnegativeField(minReadySeconds, path.child('minReadySeconds')));
  const revisionHistoryLimit = optNum(spec, 'revisionHistoryLimit');
  if (revisionHistoryLimit !== undefined) errs.push(...validateNonnegativeField(revisionHistoryLimit, path.child('revisionHistoryLimit')));
  const progressDeadline = optNum(spec, 'progressDeadlineSeconds');
  if (progressDeadline !== undefined) {
    errs.push(...validateNonnegativeField(progressDeadline, path.child('progressDeadlineSeconds')));
    if (progressDeadline <= minReadySeconds) {
      errs.push(invalid(path.child('progressDeadlineSeconds'), progressDeadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const deploymentValidator: ResourceValidator = {
  validate: (obj) => [...validateObjectMetaOf(obj, true, nameIsDNSSubdomain), ...validateDeploymentSpec(objOrEmpty(obj, 'spec'), SPEC)],
  validateUpdate: (obj, old) => [
    ...validateObjectMetaUpdateOf(obj, old),
    ...validateDeploymentSpec(objOrEmpty(obj, 'spec'), SPEC, templateUpdateOptions(objOrEmpty(objOrEmpty(old, 'spec'), 'template'))),
    ...validateImmutableSelector(obj, old),
  ],
};
