// The switches of pod validation (upstream's PodValidationOptions). Upstream derives them
// from feature gates and from the object being updated: a rule added after objects were
// stored is relaxed for an update whose old object already broke it, so that such
// objects stay updatable. kubets runs with 1.36's default gates, whose relaxed rules
// (environment variable names, DNS search paths, zero-second sleep hooks, pod-level
// resources) are simply the rules here.

import { validateLabelSelector, type LabelSelectorObject } from '../../../machinery/label-selector.js';
import { isValidLabelValue } from '../../../machinery/name-validation.js';
import { obj, objects, str, stringMap, strings, type Json } from '../common/json.js';
import { root } from '../../../machinery/field-errors.js';
import { resourceList } from '../common/quantity.js';
import { isHugePageResourceName, isHugePageValueDivisible } from '../common/resource-names.js';

export interface PodValidationOptions {
  /** Accept a `controller.kubernetes.io/pod-deletion-cost` that is no int32 (the old pod had one). */
  readonly allowInvalidPodDeletionCost: boolean;
  /** Accept invalid label values in pod (anti-)affinity selectors. */
  readonly allowInvalidLabelValueInSelector: boolean;
  /** Accept huge page amounts that are no multiple of the page size. */
  readonly allowIndivisibleHugePagesValues: boolean;
  /** Skip the label selector check of topology spread constraints. */
  readonly allowInvalidTopologySpreadConstraintLabelSelector: boolean;
  /** Accept projected token paths that leave the volume. */
  readonly allowNonLocalProjectedTokenPath: boolean;
  /** Accept namespaced sysctls in pods sharing the host's network or IPC namespace. */
  readonly allowNamespacedSysctlsForHostNetAndHostIPC: boolean;
  /** Accept invalid label values in required node affinity. */
  readonly allowInvalidLabelValueInRequiredNodeAffinity: boolean;
  /** The object is a Pod, not a template inside another kind. */
  readonly resourceIsPod: boolean;
}

/** Options for a new object: nothing relaxed. */
export const STRICT_POD_OPTIONS: PodValidationOptions = {
  allowInvalidPodDeletionCost: false,
  allowInvalidLabelValueInSelector: false,
  allowIndivisibleHugePagesValues: false,
  allowInvalidTopologySpreadConstraintLabelSelector: false,
  allowNonLocalProjectedTokenPath: false,
  allowNamespacedSysctlsForHostNetAndHostIPC: false,
  allowInvalidLabelValueInRequiredNodeAffinity: false,
  resourceIsPod: false,
};

function allContainers(spec: Json): Json[] {
  return [...objects(spec, 'initContainers'), ...objects(spec, 'containers'), ...objects(spec, 'ephemeralContainers')];
}

function usesIndivisibleHugePages(spec: Json): boolean {
  const lists = [...allContainers(spec).flatMap((c) => [obj(c, 'resources')?.limits, obj(c, 'resources')?.requests]), spec.overhead];
  return lists.some((l) => resourceList(l).some(([name, q]) => isHugePageResourceName(name) && !isHugePageValueDivisible(name, q)));
}

function affinityTerms(spec: Json): Json[] {
  const affinity = obj(spec, 'affinity');
  return ['podAffinity', 'podAntiAffinity'].flatMap((kind) => {
    const a = obj(affinity, kind);
    return [
      ...objects(a, 'requiredDuringSchedulingIgnoredDuringExecution'),
      ...objects(a, 'preferredDuringSchedulingIgnoredDuringExecution').map((w) => obj(w, 'podAffinityTerm') ?? {}),
    ];
  });
}

function selectorIsInvalid(selector: Json | undefined): boolean {
  return validateLabelSelector(selector as LabelSelectorObject | undefined, root('labelSelector')).length > 0;
}

function hasInvalidAffinitySelector(spec: Json): boolean {
  return affinityTerms(spec).some((t) => selectorIsInvalid(obj(t, 'labelSelector')) || selectorIsInvalid(obj(t, 'namespaceSelector')));
}

function hasInvalidTopologySelector(spec: Json): boolean {
  return objects(spec, 'topologySpreadConstraints').some((c) => selectorIsInvalid(obj(c, 'labelSelector')));
}

function hasNamespacedSysctlsWithHostNamespaces(spec: Json): boolean {
  if (spec.hostNetwork !== true && spec.hostIPC !== true) return false;
  return objects(obj(spec, 'securityContext'), 'sysctls').some((s) => /^(net|kernel\.(shm|msg|sem)|fs\.mqueue)/.test(str(s, 'name')));
}

function hasInvalidRequiredNodeAffinityValue(spec: Json): boolean {
  const required = obj(obj(obj(spec, 'affinity'), 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution');
  return objects(required, 'nodeSelectorTerms').some((term) =>
    objects(term, 'matchExpressions').some((e) => strings(e, 'values').some((v) => isValidLabelValue(v).length > 0)),
  );
}

function hasNonLocalProjectedTokenPath(spec: Json): boolean {
  return objects(spec, 'volumes').some((v) =>
    objects(obj(v, 'projected'), 'sources').some((s) => {
      const p = str(obj(s, 'serviceAccountToken'), 'path');
      return p.startsWith('/') || p.split('/').includes('..') || (p.startsWith('..') && !p.startsWith('../'));
    }),
  );
}

/** Whether the annotation holds something other than a 32-bit integer. */
export function invalidDeletionCost(annotations: Record<string, string>): boolean {
  const value = annotations['controller.kubernetes.io/pod-deletion-cost'];
  if (value === undefined) return false;
  // Upstream refuses a '+' sign and leading zeros before parsing the number.
  if (!/^(-?[1-9][0-9]*|0|-0[0-9]*)$/.test(value)) return true;
  const n = Number(value);
  return n < -(2 ** 31) || n > 2 ** 31 - 1;
}

/**
 * The options for validating `spec` (a PodSpec) in an object of kind Pod (`resourceIsPod`)
 * or in a template; on update, `old` is the stored spec and metadata.
 */
export function podValidationOptions(resourceIsPod: boolean, old?: { spec?: Json; meta?: Json }): PodValidationOptions {
  const oldSpec = old?.spec;
  const relaxed = oldSpec !== undefined;
  return {
    ...STRICT_POD_OPTIONS,
    resourceIsPod,
    allowIndivisibleHugePagesValues: relaxed && usesIndivisibleHugePages(oldSpec),
    allowInvalidLabelValueInSelector: relaxed && hasInvalidAffinitySelector(oldSpec),
    allowInvalidTopologySpreadConstraintLabelSelector: relaxed && hasInvalidTopologySelector(oldSpec),
    allowNamespacedSysctlsForHostNetAndHostIPC: relaxed && hasNamespacedSysctlsWithHostNamespaces(oldSpec),
    allowInvalidLabelValueInRequiredNodeAffinity: relaxed && hasInvalidRequiredNodeAffinityValue(oldSpec),
    allowNonLocalProjectedTokenPath: relaxed && hasNonLocalProjectedTokenPath(oldSpec),
    allowInvalidPodDeletionCost: old?.meta !== undefined && invalidDeletionCost(stringMap(old.meta, 'annotations')),
  };
}
