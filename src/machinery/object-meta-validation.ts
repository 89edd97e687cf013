// Validation of the metadata every object shares, on create and on update, with
// upstream's paths, reasons and messages (k8s.io/apimachinery/pkg/api/validation and
// apis/meta/v1/validation, release 1.36). Per-kind strategies call these first and add
// their own checks.

import {
  forbidden, invalid, required, tooLong, type FieldErrorList, type FieldPath,
} from './field-errors.js';
import { compareGoStrings, goQuote } from './go-format.js';
import type { ObjectMeta, OwnerReference } from './meta.js';
import { isQualifiedName, isValidLabelValue, validateNamespaceName, type ValidateNameFunc } from './name-validation.js';
import { parseGroupVersion } from './schema.js';
import { semanticDeepEqual } from './semantic-equal.js';

/** Upstream's limit on the summed length of annotation keys and values: 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

/** A label key (a qualified name): errors are reported at `path` itself, as upstream does. */
export function validateLabelName(key: string, path: FieldPath): FieldErrorList {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/** Label keys and values; every error is reported at the labels path, not per key. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(key, path));
    errs.push(...isValidLabelValue(value).map((msg) => invalid(path, value, msg)));
  }
  return errs;
}

/** Summed byte length of annotation keys and values. */
export function annotationsSize(annotations: Readonly<Record<string, string>> | undefined): number {
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) total += Buffer.byteLength(key) + Buffer.byteLength(value);
  return total;
}

/** Annotation keys are qualified names in any case; the total size is at most 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const key of Object.keys(annotations ?? {})) {
    errs.push(...isQualifiedName(key.toLowerCase()).map((msg) => invalid(path, key, msg)));
  }
  if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

/** An owner reference as Go encodes the struct, for messages that print it. */
function ownerReferenceJSON(ref: OwnerReference): Record<string, unknown> {
  const { apiVersion, kind, name, uid, controller, blockOwnerDeletion } = ref;
  return { apiVersion, kind, name, uid, controller, blockOwnerDeletion };
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  let version = '';
  let group = '';
  try {
    ({ group, version } = parseGroupVersion(ref.apiVersion ?? ''));
  } catch {
    // An unparsable apiVersion counts as an empty version, as upstream's FromAPIVersionAndKind has it.
  }
  if (version === '') errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'must not be empty'));
  if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
  if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
  if (group === '' && version === 'v1' && ref.kind === 'Event') {
    errs.push(invalid(path, ownerReferenceJSON(ref), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

/** Each reference complete, no Event owners, at most one controller. Errors at the list path. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController === '') {
      firstController = current;
      continue;
    }
    const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    errs.push(invalid(path, (refs ?? []).map(ownerReferenceJSON), detail));
  }
  return errs;
}

/** Finalizer names are qualified names; `orphan` and `foregroundDeletion` exclude each other. */
export function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldErrorList {
  const list = finalizers ?? [];
  const errs = list.flatMap((f) => isQualifiedName(f).map((msg) => invalid(path, f, msg)));
  if (list.includes(FINALIZER_ORPHAN_DEPENDENTS) && list.includes(FINALIZER_DELETE_DEPENDENTS)) {
    const detail = `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`;
    errs.push(invalid(path, list, detail));
  }
  return errs;
}

/** `field is immutable` when the new value differs (semantically) from the old one. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: FieldPath): FieldErrorList {
  return semanticDeepEqual(oldValue, newValue) ? [] : [invalid(path, newValue ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}

/** `must be greater than or equal to 0`. */
export function validateNonnegativeField(value: number, path: FieldPath): FieldErrorList {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** The checks shared by create and update. */
function validateCommon(meta: ObjectMeta, path: FieldPath): FieldErrorList {
  return [
    ...validateNonnegativeField(meta.generation ?? 0, path.child('generation')),
    ...validateLabels(meta.labels, path.child('labels')),
    ...validateAnnotations(meta.annotations, path.child('annotations')),
    ...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')),
  ];
}

/**
 * Metadata on create, after name generation. `nameFn` is the kind's name rule;
 * `namespaced` whether the kind lives in namespaces.
 */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameFn: ValidateNameFunc, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (meta.generateName) {
    errs.push(...nameFn(meta.generateName, true).map((msg) => invalid(path.child('generateName'), meta.generateName, msg)));
  }
  if (!meta.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else errs.push(...nameFn(meta.name, false).map((msg) => invalid(path.child('name'), meta.name, msg)));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(path.child('namespace')));
    else errs.push(...validateNamespaceName(meta.namespace, false).map((msg) => invalid(path.child('namespace'), meta.namespace, msg)));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  const common = validateCommon(meta, path);
  // Upstream checks finalizers between owner references and managed fields on create only.
  return [...errs, ...common, ...validateFinalizers(meta.finalizers, path.child('finalizers'))];
}

/** Metadata on update: identity and timestamps immutable, no new finalizers while deleting. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (old.deletionTimestamp) {
    const added = [...new Set(meta.finalizers ?? [])].filter((f) => !(old.finalizers ?? []).includes(f)).sort(compareGoStrings);
    if (added.length > 0) {
      const detail = `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map(goQuote).join(', ')}}`;
      errs.push(forbidden(path.child('finalizers'), detail));
    }
  }
  if (!meta.resourceVersion) errs.push(invalid(path.child('resourceVersion'), meta.resourceVersion ?? '', 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(path.child('generation'), meta.generation ?? 0, 'must not be decremented'));
  }
  const immutable = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;
  for (const field of immutable) {
    // Unset strings are "" in Go; unset timestamps and pointers print as null.
    const fallback = field === 'name' || field === 'namespace' || field === 'uid' ? '' : null;
    errs.push(...validateImmutableField(meta[field] ?? fallback, old[field] ?? fallback, path.child(field)));
  }
  return [
    ...errs,
    ...validateLabels(meta.labels, path.child('labels')),
    ...validateAnnotations(meta.annotations, path.child('annotations')),
    ...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')),
  ];
}
