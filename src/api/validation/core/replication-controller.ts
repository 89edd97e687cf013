// ReplicationController (upstream's ValidateReplicationController and its updates): a
// non-empty selector that selects the template's labels, and a template of pods that
// restart forever without a deadline.

import { forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { labelSelectorFromSet } from '../../../machinery/label-selector.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { has, num, obj, objOrEmpty, str, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { goMap } from './internal-values.js';
import { templateUpdateOptions, validatePodTemplateSpec } from './pod-template.js';
import type { PodValidationOptions } from './pod-options.js';

const SPEC = root('spec');

function validateTemplateForRC(spec: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const template = obj(spec, 'template');
  if (template === undefined) return [required(path)];
  const errs: FieldErrorList = [];
  const selector = stringMap(spec, 'selector');
  const labels = stringMap(obj(template, 'metadata'), 'labels');
  if (Object.keys(selector).length > 0 && !labelSelectorFromSet(selector).matches(labels)) {
    errs.push(invalid(path.child('metadata', 'labels'), goMap(obj(obj(template, 'metadata'), 'labels')), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, path, opts));
  const podSpec = objOrEmpty(template, 'spec');
  const restartPolicy = str(podSpec, 'restartPolicy');
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (has(podSpec, 'activeDeadlineSeconds')) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

function validateSpec(spec: Json, opts: PodValidationOptions): FieldErrorList {
  const errs = validateNonnegativeField(num(spec, 'minReadySeconds'), SPEC.child('minReadySeconds'));
  if (Object.keys(stringMap(spec, 'selector')).length === 0) errs.push(required(SPEC.child('selector')));
  errs.push(...validateNonnegativeField(num(spec, 'replicas'), SPEC.child('replicas')));
  return [...errs, ...validateTemplateForRC(spec, SPEC.child('template'), opts)];
}

/** A new ReplicationController. */
export function validateReplicationController(rc: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(rc, true, nameIsDNSSubdomain), ...validateSpec(objOrEmpty(rc, 'spec'), templateUpdateOptions(undefined))];
}

/** A ReplicationController update: the metadata rules and a valid spec (which may change freely). */
export function validateReplicationControllerUpdate(rc: ApiObject, old: ApiObject): FieldErrorList {
  const opts = templateUpdateOptions(obj(objOrEmpty(old, 'spec'), 'template'));
  return [...validateObjectMetaUpdateOf(rc, old), ...validateSpec(objOrEmpty(rc, 'spec'), opts)];
}

/** A status update: counts non-negative and consistent. */
export function validateReplicationControllerStatusUpdate(rc: ApiObject, old: ApiObject): FieldErrorList {
  const status = objOrEmpty(rc, 'status');
  const path = root('status');
  const errs = validateObjectMetaUpdateOf(rc, old);
  for (const key of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']) {
    errs.push(...validateNonnegativeField(num(status, key), path.child(key)));
  }
  const replicas = num(status, 'replicas');
  const msg = 'cannot be greater than status.replicas';
  for (const key of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) {
    if (num(status, key) > replicas) errs.push(invalid(path.child(key), num(status, key), msg));
  }
  if (num(status, 'availableReplicas') > num(status, 'readyReplicas')) {
    errs.push(invalid(path.child('availableReplicas'), num(status, 'availableReplicas'), 'cannot be greater than readyReplicas'));
  }
  return errs;
}
