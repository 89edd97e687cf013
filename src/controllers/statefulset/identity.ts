// A StatefulSet pod's stable identity (upstream's stateful_set_utils.go): the name
// `<set>-<ordinal>`, hostname = name and subdomain = serviceName, the pod-name and
// pod-index labels, and one claim `<template>-<set>-<ordinal>` per volumeClaimTemplate,
// mounted through a volume named after the template.

import type { OwnerReference } from '../../machinery/meta.js';
import type { Pod } from '../../client/index.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../base/controller-history.js';
import { POD_INDEX_LABEL, POD_NAME_LABEL, type PersistentVolumeClaim, type StatefulSet } from './types.js';

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

/** The ordinal of a pod named `<set>-<n>`, or undefined if the name is not of that form. */
export function ordinalOf(set: StatefulSet, pod: Pod): number | undefined {
  const name = pod.metadata?.name ?? '';
  const prefix = `${set.metadata?.name ?? ''}-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : undefined;
}

export function claimName(template: PersistentVolumeClaim, set: StatefulSet, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${podName(set, ordinal)}`;
}

export function setOwnerRef(set: StatefulSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The claims the pod of `ordinal` needs (upstream's getPersistentVolumeClaims). */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(template, set, ordinal),
      namespace: set.metadata?.namespace,
      labels: { ...template.metadata?.labels, ...selectorLabels },
      annotations: template.metadata?.annotations,
      ownerReferences: set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete' ? [nonControllerRef(setOwnerRef(set))] : undefined,
    },
    spec: template.spec ?? {},
  }));
}

/** Upstream sets retention owner references without controller=true: the claim stays adoptable by no one. */
export function nonControllerRef(ref: OwnerReference): OwnerReference {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid };
}

/**
 * The pod of `ordinal` from `template` (the revision's), with its identity and storage
 * (upstream's newVersionedStatefulSetPod).
 */
export function newPod(set: StatefulSet, template: NonNullable<StatefulSet['spec']>['template'], revisionName: string, ordinal: number): Pod {
  const name = podName(set, ordinal);
  const spec = { ...(template?.spec ?? { containers: [] }) };
  const claimVolumes = (set.spec?.volumeClaimTemplates ?? []).map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(t, set, ordinal) } }));
  const templated = new Set(claimVolumes.map((v) => v.name));
  const volumes = ((spec.volumes as { name: string }[] | undefined) ?? []).filter((v) => !templated.has(v.name));
  if (claimVolumes.length > 0 || volumes.length > 0) spec.volumes = [...claimVolumes, ...volumes];
  spec.hostname = name;
  if ((set.spec?.serviceName ?? '') !== '') spec.subdomain = set.spec?.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata?.namespace,
      labels: { ...template?.metadata?.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH_LABEL]: revisionName },
      annotations: template?.metadata?.annotations,
      ownerReferences: [setOwnerRef(set)],
    },
    spec,
  };
}

export function revisionOf(pod: Pod): string | undefined {
  return pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
}
