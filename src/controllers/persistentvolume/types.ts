// What the volume controllers share: the volume kinds (src/client's types, which the
// scheduler's volume plugins use too), the annotations, the default class, a pod's claims.

import type { StorageClass } from '../../client/index.js';
import type { ObjectMeta } from '../../machinery/meta.js';

export { PERSISTENT_VOLUME_CLAIMS as PVCS, PERSISTENT_VOLUMES as PVS, STORAGE_CLASSES } from '../../client/index.js';
export type { ObjectReference, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../client/index.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

/** The provisioner built into kubets' binder: volumes that exist only as API objects. */
export const SIMULATED_PROVISIONER = 'kubets.io/simulated';

/** True if the class is marked default (either annotation, as upstream's IsDefaultAnnotation). */
export function isDefaultClass(sc: StorageClass): boolean {
  const ann = sc.metadata?.annotations ?? {};
  return ann[ANN_DEFAULT_CLASS] === 'true' || ann[ANN_BETA_DEFAULT_CLASS] === 'true';
}

/**
 * The default class among `classes`: upstream picks the newest of several defaults (then
 * the smallest name), so that adding a new default takes over.
 */
export function defaultClassOf(classes: readonly StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((a, b) => {
    const byTime = (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '');
    return byTime !== 0 ? byTime : (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
  });
  return defaults[0];
}

/** The claim names a pod's volumes refer to (ephemeral volumes: `<pod>-<volume>`). */
export function claimNamesOfPod(pod: { metadata?: ObjectMeta; spec?: Record<string, unknown> }): string[] {
  const volumes = (pod.spec?.volumes ?? []) as { name?: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[];
  const names: string[] = [];
  for (const volume of volumes) {
    if (volume.persistentVolumeClaim?.claimName !== undefined) names.push(volume.persistentVolumeClaim.claimName);
    else if (volume.ephemeral !== undefined && volume.name !== undefined) names.push(`${pod.metadata?.name ?? ''}-${volume.name}`);
  }
  return names;
}
