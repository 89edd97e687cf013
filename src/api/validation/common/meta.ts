// Object metadata as the core group's validation checks it (pkg/apis/core/validation's
// ValidateObjectMeta and ValidateObjectMetaUpdate): the machinery's generic checks plus
// the rule that a finalizer without a '/' must be one of the standard names. Every group
// but a few uses these for its kinds, so they live here.

import { forbidden, invalid, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import {
  FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS, validateAnnotations, validateLabels, validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../../machinery/object-meta-validation.js';
import type { ValidateNameFunc } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';

const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

/** `metadata`, the path every object's metadata errors start with. */
export const METADATA = root('metadata');

function kubeFinalizerNames(meta: ObjectMeta, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  (meta.finalizers ?? []).forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(path.child('finalizers').index(i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/** Metadata of a new object (after name generation). */
export function validateMeta(meta: ObjectMeta, namespaced: boolean, nameFn: ValidateNameFunc, path: FieldPath = METADATA): FieldErrorList {
  return [...validateObjectMeta(meta, namespaced, nameFn, path), ...kubeFinalizerNames(meta, path)];
}

/** Metadata of an updated object against the stored one. */
export function validateMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath = METADATA): FieldErrorList {
  return [...validateObjectMetaUpdate(meta, old, path), ...kubeFinalizerNames(meta, path)];
}

/** `validateMeta` of a top-level object's `metadata`. */
export function validateObjectMetaOf(obj: ApiObject, namespaced: boolean, nameFn: ValidateNameFunc): FieldErrorList {
  return validateMeta(obj.metadata as ObjectMeta, namespaced, nameFn);
}

/** `validateMetaUpdate` of a top-level object's `metadata`. */
export function validateObjectMetaUpdateOf(obj: ApiObject, old: ApiObject): FieldErrorList {
  return validateMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta);
}

/**
 * ObjectMeta's fields in Go's struct order, each with the path upstream names it by (the
 * Go field name with its first letter lowered: `uID`, not `uid`).
 */
const TEMPLATE_META_FORBIDDEN: ReadonlyArray<readonly [string, string]> = [
  ['name', 'name'], ['generateName', 'generateName'], ['namespace', 'namespace'], ['selfLink', 'selfLink'], ['uid', 'uID'],
  ['resourceVersion', 'resourceVersion'], ['generation', 'generation'], ['creationTimestamp', 'creationTimestamp'],
  ['deletionTimestamp', 'deletionTimestamp'], ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'],
  ['ownerReferences', 'ownerReferences'], ['finalizers', 'finalizers'], ['managedFields', 'managedFields'],
];

/**
 * Metadata of an embedded template that only labels and annotations may be set in
 * (upstream's ValidateTemplateObjectMeta, e.g. an ephemeral volume's claim template).
 * A field counts as set when Go would not see its zero value: an empty list is set.
 */
export function validateTemplateObjectMeta(meta: Record<string, unknown> | undefined, path: FieldPath): FieldErrorList {
  const m = meta ?? {};
  const errs = [
    ...validateAnnotations(m.annotations as Record<string, string> | undefined, path.child('annotations')),
    ...validateLabels(m.labels as Record<string, string> | undefined, path.child('labels')),
  ];
  for (const [key, goName] of TEMPLATE_META_FORBIDDEN) {
    const v = m[key];
    if (v === undefined || v === null || v === '' || v === 0) continue;
    errs.push(forbidden(path.child(goName), 'cannot be set'));
  }
  return errs;
}
