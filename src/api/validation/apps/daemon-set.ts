// DaemonSet validation: upstream's ValidateDaemonSet / ValidateDaemonSetUpdate and the
// selector immutability its strategy adds. An update is validated as a create too, as
// upstream's strategy does. (templateGeneration, an internal field no v1 client can set,
// is always 0 here, so its rules never fire.)

import { invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { num, obj, objOrEmpty, optNum, str, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { templateUpdateOptions, validatePodTemplateSpec } from '../core/pod-template.js';
import { goIntOrString, goLabelSelector } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import {
  hasInvalidLabelValue, isEmptySelector, selectorOf, validateImmutableSelector, validateSelectorMatchesTemplate,
} from './workload-selector.js';
import { validateLongRunningPodSpec } from './workload-template.js';

const SPEC = root('spec');

function validateRollingUpdate(rollingUpdate: Json, path: FieldPath): FieldErrorList {
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')),
    ...isNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')),
    ...isNotMoreThan100Percent(maxSurge, path.child('maxSurge')),
  ];
  // Exactly one of the two may be non-zero.
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalid(path.child('maxSurge'), goIntOrString(maxSurge) ?? 0, 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

/** The internal DaemonSetUpdateStrategy as upstream prints it. */
function goStrategy(strategy: Json): Json {
  const rollingUpdate = obj(strategy, 'rollingUpdate');
  return {
    Type: str(strategy, 'type'),
    RollingUpdate: rollingUpdate === undefined
      ? null
      : { MaxUnavailable: goIntOrString(rollingUpdate.maxUnavailable) ?? 0, MaxSurge: goIntOrString(rollingUpdate.maxSurge) ?? 0 },
  };
}

function validateUpdateStrategy(strategy: Json, path: FieldPath): FieldErrorList {
  switch (str(strategy, 'type')) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const rollingUpdate = obj(strategy, 'rollingUpdate');
      if (rollingUpdate === undefined) return [required(path.child('rollingUpdate'), '')];
      return validateRollingUpdate(rollingUpdate, path.child('rollingUpdate'));
    }
    default:
      return [notSupported(path, goStrategy(strategy), ['RollingUpdate', 'OnDelete'])];
  }
}

/** `podOpts` relaxes what the stored template already had; `allowInvalidLabelValueInSelector` likewise for the selector. */
function validateDaemonSetSpec(spec: Json, path: FieldPath, podOpts?: PodValidationOptions): FieldErrorList {
  const allowInvalidLabelValueInSelector = podOpts?.allowInvalidLabelValueInSelector ?? false;
  const errs = validateLabelSelector(obj(spec, 'selector'), path.child('selector'), { allowInvalidLabelValueInSelector });
  const template = objOrEmpty(spec, 'template');
  const selector = selectorOf(spec.selector);
  if (selector !== undefined) errs.push(...validateSelectorMatchesTemplate(selector, template, path.child('template')));
  const selectorObject = obj(spec, 'selector');
  if (selectorObject !== undefined && isEmptySelector(selectorObject)) {
    errs.push(invalid(path.child('selector'), goLabelSelector(selectorObject), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, path.child('template'), podOpts));
  errs.push(...validateLongRunningPodSpec(template, path.child('template'), 'DaemonSet'));
  errs.push(...validateNonnegativeField(num(spec, 'minReadySeconds'), path.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(objOrEmpty(spec, 'updateStrategy'), path.child('updateStrategy')));
  const revisionHistoryLimit = optNum(spec, 'revisionHistoryLimit');
  if (revisionHistoryLimit !== undefined) errs.push(...validateNonnegativeField(revisionHistoryLimit, path.child('revisionHistoryLimit')));
  return errs;
}

function validateDaemonSet(obj: ApiObject, podOpts?: PodValidationOptions): FieldErrorList {
  return [...validateObjectMetaOf(obj, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(objOrEmpty(obj, 'spec'), SPEC, podOpts)];
}

export const daemonSetValidator: ResourceValidator = {
  validate: (obj) => validateDaemonSet(obj),
  validateUpdate: (obj, old) => {
    const oldSpec = objOrEmpty(old, 'spec');
    const templateOpts = templateUpdateOptions(objOrEmpty(oldSpec, 'template'));
    const podOpts: PodValidationOptions = {
      ...templateOpts,
      allowInvalidLabelValueInSelector: templateOpts.allowInvalidLabelValueInSelector || hasInvalidLabelValue(oldSpec.selector),
    };
    return [
      ...validateDaemonSet(obj, podOpts),
      ...validateObjectMetaUpdateOf(obj, old),
      ...validateDaemonSetSpec(objOrEmpty(obj, 'spec'), SPEC, podOpts),
      ...validateImmutableSelector(obj, old),
    ];
  },
};
