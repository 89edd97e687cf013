// The pod template of a long-running workload (Deployment, ReplicaSet, DaemonSet): a valid
// pod template whose pods restart forever and have no deadline.

import { forbidden, notSupported, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import type { LabelSelector } from '../../../machinery/label-selector.js';
import { has, objOrEmpty, str, type Json } from '../common/json.js';
import type { PodValidationOptions } from '../core/pod-options.js';
import { validatePodTemplateSpec } from '../core/pod-template.js';
import { validateSelectorMatchesTemplate } from './workload-selector.js';

/**
 * restartPolicy Always and no activeDeadlineSeconds; `kind` names the workload in the
 * message (upstream's words: Deployments are told about "ReplicaSet").
 */
export function validateLongRunningPodSpec(template: Json, path: FieldPath, kind: string): FieldErrorList {
  const spec = objOrEmpty(template, 'spec');
  const errs: FieldErrorList = [];
  const restartPolicy = str(spec, 'restartPolicy');
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (has(spec, 'activeDeadlineSeconds')) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** Upstream's ValidatePodTemplateSpecForReplicaSet: labels selected, a valid pod template, long-running pods. */
export function validateTemplateForReplicaSet(
  template: Json,
  selector: LabelSelector,
  path: FieldPath,
  podOpts: PodValidationOptions | undefined,
): FieldErrorList {
  return [
    ...validateSelectorMatchesTemplate(selector, template, path),
    ...validatePodTemplateSpec(template, path, podOpts),
    ...validateLongRunningPodSpec(template, path, 'ReplicaSet'),
  ];
}
