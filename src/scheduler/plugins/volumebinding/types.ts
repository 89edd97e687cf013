// What the volume plugins share: the volume kinds (src/client's types, which the volume
// controllers use too), the annotations, and the pod's volume sources they look at.

import type { PersistentVolumeClaim, Pod } from '../../../client/index.js';

export { PERSISTENT_VOLUME_CLAIMS as PVCS, PERSISTENT_VOLUMES as PVS, STORAGE_CLASSES } from '../../../client/index.js';
export type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../client/index.js';

/** Set on a WaitForFirstConsumer claim by the scheduler: the provisioner creates the volume for that node. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** A class with this provisioner has only pre-made volumes (local volumes). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The volume sources of a pod the volume plugins look at. */
export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  ephemeral?: unknown;
  gcePersistentDisk?: { pdName: string; readOnly?: boolean };
  awsElasticBlockStore?: { volumeID: string; readOnly?: boolean };
  rbd?: { monitors?: string[]; pool?: string; image: string; readOnly?: boolean };
  iscsi?: { targetPortal: string; iqn: string; lun: number; readOnly?: boolean };
}

export function podVolumes(pod: Pod): PodVolume[] {
  return ((pod.spec as { volumes?: PodVolume[] } | undefined)?.volumes ?? []);
}

/** A claim a pod uses, by name, and whether the pod must own it (generic ephemeral volumes). */
export interface ClaimUse {
  readonly claimName: string;
  readonly ephemeral: boolean;
}

/** The claims of a pod's volumes; an ephemeral volume's claim is `<pod>-<volume>`. */
export function claimsOfPod(pod: Pod): ClaimUse[] {
  const uses: ClaimUse[] = [];
  for (const v of podVolumes(pod)) {
    if (v.persistentVolumeClaim !== undefined) uses.push({ claimName: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral !== undefined) uses.push({ claimName: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true });
  }
  return uses;
}

/** The claim is bound to its volume (upstream: volumeName set and the binder finished). */
export function isClaimBound(claim: PersistentVolumeClaim): boolean {
  return (claim.spec?.volumeName ?? '') !== '' && (claim.status?.phase === 'Bound' || claim.metadata?.annotations?.[ANN_BIND_COMPLETED] !== undefined);
}

/** A queueing hint for claim events: only a claim the pod uses can help it. */
export function isClaimOfPod(pod: Pod, _old: unknown, claim: unknown): boolean {
  const c = claim as PersistentVolumeClaim | undefined;
  if (c?.metadata?.namespace !== (pod.metadata?.namespace ?? 'default')) return false;
  return claimsOfPod(pod).some((use) => use.claimName === c?.metadata?.name);
}
