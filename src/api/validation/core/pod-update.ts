// Pod on update (upstream's ValidatePodUpdate): the create rules again, then the spec is
// frozen except container images, a shorter activeDeadlineSeconds, added tolerations,
// removed scheduling gates, and (for pods still gated) added node selectors and node
// affinity terms.

import { forbidden, invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { has, num, obj, objects, objOrEmpty, optNum, str, stringMap, type Json } from '../common/json.js';
import { validateObjectMetaUpdateOf } from '../common/meta.js';
import { goMap } from './internal-values.js';
import { validatePodSpecificAnnotationUpdates } from './pod-annotations.js';
import { podValidationOptions } from './pod-options.js';
import { validatePodMetadataAndSpec } from './pod.js';
import { validateTolerations } from './scheduling.js';
import { specDiff } from './spec-diff.js';

const SPEC = root('spec');

/** The fields a pod update may change, as upstream lists them in its message. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** Same number of containers; images present and without surrounding whitespace. Returns whether to stop. */
function containerUpdates(next: readonly Json[], prev: readonly Json[], path: FieldPath): [FieldErrorList, boolean] {
  if (next.length !== prev.length) return [[forbidden(path, 'pod updates may not add or remove containers')], true];
  const errs: FieldErrorList = [];
  next.forEach((c, i) => {
    const image = str(c, 'image');
    if (image === '') errs.push(required(path.index(i).child('image')));
    if (image.trim() !== image) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return [errs, false];
}

/** Returns the errors and whether to stop (upstream returns early after these). */
function activeDeadlineUpdate(spec: Json, oldSpec: Json): [FieldErrorList, boolean] {
  const path = SPEC.child('activeDeadlineSeconds');
  const next = optNum(spec, 'activeDeadlineSeconds');
  const prev = optNum(oldSpec, 'activeDeadlineSeconds');
  if (next === undefined) return [prev !== undefined ? [invalid(path, null, 'must not update from a positive integer to nil value')] : [], false];
  if (next < 0 || next > 2 ** 31 - 1) return [[invalid(path, next, 'must be between 0 and 2147483647, inclusive')], true];
  if (prev !== undefined && prev < next) return [[invalid(path, next, 'must be less than or equal to previous value')], true];
  return [[], false];
}

function sameTolerationIgnoringSeconds(a: Json, b: Json): boolean {
  return semanticDeepEqual({ ...a, tolerationSeconds: undefined }, { ...b, tolerationSeconds: undefined });
}

/** Every old toleration is still there (tolerationSeconds may change); the new ones are valid. */
function onlyAddedTolerations(next: readonly Json[], prev: readonly Json[], path: FieldPath): FieldErrorList {
  for (const old of prev) {
    if (!next.some((t) => sameTolerationIgnoringSeconds(old, t))) {
      return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return validateTolerations(next, path);
}

function onlyDeletedSchedulingGates(next: readonly Json[], prev: readonly Json[], path: FieldPath): FieldErrorList {
  const old = new Set(prev.map((g) => str(g, 'name')));
  const added = new Map<string, number>();
  next.forEach((g, i) => added.set(str(g, 'name'), i));
  const errs: FieldErrorList = [];
  for (const [name, i] of added) {
    if (!old.has(name)) errs.push(forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
  }
  return errs;
}

/** Gated pods may gain node selectors and node affinity requirements, never lose or change them. */
function gatedPodMutations(munged: Json, oldSpec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  const oldSelector = stringMap(oldSpec, 'nodeSelector');
  const newSelector = stringMap(munged, 'nodeSelector');
  if (!semanticDeepEqual(newSelector, oldSelector)) {
    if (Object.entries(oldSelector).some(([k, v]) => newSelector[k] !== v)) {
      errs.push(invalid(SPEC.child('nodeSelector'), goMap(obj(munged, 'nodeSelector')), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
    }
    munged.nodeSelector = oldSpec.nodeSelector;
  }
  const oldNA = obj(obj(oldSpec, 'affinity'), 'nodeAffinity');
  const newNA = obj(obj(munged, 'affinity'), 'nodeAffinity');
  if (semanticDeepEqual(oldNA, newNA)) return errs;
  errs.push(...nodeAffinityMutation(newNA, oldNA, SPEC.child('affinity', 'nodeAffinity')));
  const affinity = obj(munged, 'affinity');
  if (affinity === undefined) {
    if (oldNA !== undefined) munged.affinity = { nodeAffinity: oldNA };
  } else if (obj(oldSpec, 'affinity') === undefined && !has(affinity, 'podAffinity') && !has(affinity, 'podAntiAffinity')) {
    delete munged.affinity;
  } else {
    munged.affinity = { ...affinity, nodeAffinity: oldNA };
  }
  return errs;
}

function termHasOnlyAdditions(next: Json, prev: Json): boolean {
  const oldExprs = objects(prev, 'matchExpressions');
  const oldFields = objects(prev, 'matchFields');
  const newExprs = objects(next, 'matchExpressions');
  const newFields = objects(next, 'matchFields');
  if (oldExprs.length === 0 && oldFields.length === 0 && (newExprs.length > 0 || newFields.length > 0)) return false;
  const prefixKept = (n: Json[], o: Json[]): boolean => o.length === 0 || (n.length >= o.length && semanticDeepEqual(n.slice(0, o.length), o));
  return prefixKept(newExprs, oldExprs) && prefixKept(newFields, oldFields);
}

function nodeAffinityMutation(next: Json | undefined, prev: Json | undefined, path: FieldPath): FieldErrorList {
  const oldRequired = obj(prev, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (oldRequired === undefined) return [];
  const oldTerms = objects(oldRequired, 'nodeSelectorTerms');
  const newTerms = objects(obj(next, 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
  const termsPath = path.child('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
    return [invalid(termsPath, newTerms, 'no additions/deletions to non-empty NodeSelectorTerms list are allowed')];
  }
  return oldTerms.flatMap((old, i) =>
    termHasOnlyAdditions(newTerms[i] ?? {}, old) ? [] : [invalid(termsPath.index(i), newTerms[i] ?? {}, 'only additions are allowed (no mutations or deletions)')],
  );
}

/** The new spec with every field an update may change set back to the old value. */
function mungedSpec(spec: Json, oldSpec: Json): Json {
  const munged: Json = structuredClone(spec);
  for (const key of ['containers', 'initContainers']) {
    const oldContainers = objects(oldSpec, key);
    if (Array.isArray(munged[key])) munged[key] = objects(munged, key).map((c, i) => ({ ...c, image: oldContainers[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = optNum(oldSpec, 'terminationGracePeriodSeconds');
  if (oldGrace !== undefined && oldGrace < 0 && num(munged, 'terminationGracePeriodSeconds') === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}

/** A pod update. */
export function validatePodUpdate(pod: ApiObject, old: ApiObject): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const opts = podValidationOptions(true, { spec: oldSpec, meta: old.metadata });
  const errs = [
    ...validateObjectMetaUpdateOf(pod, old),
    ...validatePodMetadataAndSpec(pod, opts),
    ...validatePodSpecificAnnotationUpdates(stringMap(pod.metadata, 'annotations'), stringMap(old.metadata, 'annotations'), spec, root('metadata', 'annotations'), opts),
  ];
  for (const key of ['containers', 'initContainers']) {
    const [containerErrs, stop] = containerUpdates(objects(spec, key), objects(oldSpec, key), SPEC.child(key));
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const [deadlineErrs, stop] = activeDeadlineUpdate(spec, oldSpec);
  errs.push(...deadlineErrs);
  if (stop) return errs;
  errs.push(...onlyAddedTolerations(objects(spec, 'tolerations'), objects(oldSpec, 'tolerations'), SPEC.child('tolerations')));
  errs.push(...onlyDeletedSchedulingGates(objects(spec, 'schedulingGates'), objects(oldSpec, 'schedulingGates'), SPEC.child('schedulingGates')));
  if (semanticDeepEqual(spec, oldSpec)) return errs;
  const munged = mungedSpec(spec, oldSpec);
  if (objects(oldSpec, 'schedulingGates').length > 0) errs.push(...gatedPodMutations(munged, oldSpec));
  if (!semanticDeepEqual(munged, oldSpec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`;
    errs.push(forbidden(SPEC, detail));
  }
  return errs;
}
