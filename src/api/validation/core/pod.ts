// Pod on create (upstream's ValidatePodCreate and validatePodMetadataAndSpec).

import { forbidden, root, type FieldErrorList } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { isEmpty, obj, objects, objOrEmpty, str, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaOf } from '../common/meta.js';
import { validateImageWhitespace } from './containers.js';
import { validateAppArmorAnnotationsAndFields, validatePodSpecificAnnotations, validateSeccompAnnotationsAndFields } from './pod-annotations.js';
import { podValidationOptions, type PodValidationOptions } from './pod-options.js';
import { validatePodSpec } from './pod-spec.js';

const SPEC = root('spec');

/** Projected service account tokens need a service account. */
function tokensWithoutServiceAccount(spec: Json): FieldErrorList {
  if (str(spec, 'serviceAccountName') !== '') return [];
  const errs: FieldErrorList = [];
  objects(spec, 'volumes').forEach((vol, vi) => {
    const projected = obj(vol, 'projected');
    objects(projected, 'sources').forEach((source, si) => {
      if (obj(source, 'serviceAccountToken') === undefined) return;
      const p = SPEC.child('volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken');
      errs.push(forbidden(p, 'must not be specified when serviceAccountName is not set'));
    });
  });
  return errs;
}

/** The metadata and spec of a pod, on create and update alike. */
export function validatePodMetadataAndSpec(pod: ApiObject, opts: PodValidationOptions): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const annotations = stringMap(pod.metadata, 'annotations');
  return [
    ...validateObjectMetaOf(pod, true, nameIsDNSSubdomain),
    ...validatePodSpecificAnnotations(annotations, spec, root('metadata', 'annotations'), opts),
    ...validatePodSpec(spec, pod.metadata.name ?? '', SPEC, opts),
    ...tokensWithoutServiceAccount(spec),
    ...objects(spec, 'containers').flatMap((c, i) => validateImageWhitespace(c, SPEC.child('containers').index(i))),
    ...objects(spec, 'initContainers').flatMap((c, i) => validateImageWhitespace(c, SPEC.child('initContainers').index(i))),
  ];
}

/** A new pod. */
export function validatePod(pod: ApiObject): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const annotations = stringMap(pod.metadata, 'annotations');
  const errs = validatePodMetadataAndSpec(pod, podValidationOptions(true));
  if (!isEmpty(spec, 'ephemeralContainers')) errs.push(forbidden(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  if (str(spec, 'nodeName') !== '' && !isEmpty(spec, 'schedulingGates')) {
    errs.push(forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return [...errs, ...validateSeccompAnnotationsAndFields(annotations, spec, SPEC), ...validateAppArmorAnnotationsAndFields(annotations, spec, SPEC)];
}
