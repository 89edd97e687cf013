// Pod templates: the template inside workloads (exported for apps and batch) and the
// PodTemplate kind (upstream's ValidatePodTemplateSpec and ValidatePodTemplate).

import { forbidden, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateAnnotations, validateLabels } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { isEmpty, obj, objOrEmpty, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateAppArmorAnnotationsAndFields, validatePodSpecificAnnotations, validateSeccompAnnotationsAndFields } from './pod-annotations.js';
import { podValidationOptions, type PodValidationOptions } from './pod-options.js';
import { validatePodSpec } from './pod-spec.js';

/**
 * A pod template (`{metadata, spec}`) inside another object, at `path` (e.g.
 * `spec.template`). Upstream reports the template's labels and annotations at
 * `<path>.labels` and `<path>.annotations`, without `metadata`. `opts` defaults to the
 * options of a new template; pass `podValidationOptions(false, {spec: oldTemplateSpec})`
 * on update to keep accepting what the stored object already had.
 */
export function validatePodTemplateSpec(template: Json, path: FieldPath, opts: PodValidationOptions = podValidationOptions(false)): FieldErrorList {
  const meta = objOrEmpty(template, 'metadata');
  const spec = objOrEmpty(template, 'spec');
  const annotations = stringMap(meta, 'annotations');
  const specPath = path.child('spec');
  const errs = [
    ...validateLabels(stringMap(meta, 'labels'), path.child('labels')),
    ...validateAnnotations(annotations, path.child('annotations')),
    ...validatePodSpecificAnnotations(annotations, spec, path.child('annotations'), opts),
    ...validatePodSpec(spec, '', specPath, opts),
    ...validateSeccompAnnotationsAndFields(annotations, spec, specPath),
    ...validateAppArmorAnnotationsAndFields(annotations, spec, specPath),
  ];
  if (!isEmpty(spec, 'ephemeralContainers')) {
    errs.push(forbidden(specPath.child('ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** The options for a template being updated from `oldTemplate`. */
export function templateUpdateOptions(oldTemplate: Json | undefined): PodValidationOptions {
  return podValidationOptions(false, oldTemplate === undefined ? undefined : { spec: objOrEmpty(oldTemplate, 'spec'), meta: obj(oldTemplate, 'metadata') });
}

/** A new PodTemplate. */
export function validatePodTemplate(obj: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(obj, true, nameIsDNSSubdomain), ...validatePodTemplateSpec(objOrEmpty(obj, 'template'), root('template'))];
}

/** An update of a PodTemplate: the metadata rules and a valid template (which may change freely). */
export function validatePodTemplateUpdate(obj: ApiObject, old: ApiObject): FieldErrorList {
  const opts = templateUpdateOptions(objOrEmpty(old, 'template'));
  return [...validateObjectMetaUpdateOf(obj, old), ...validatePodTemplateSpec(objOrEmpty(obj, 'template'), root('template'), opts)];
}
