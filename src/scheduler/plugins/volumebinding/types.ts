// The core/v1 PersistentVolume(Claim) and storage.k8s.io/v1 StorageClass fields the volume
// plugins read, and the pod's volume sources they look at. The scheduler may not import the
// controllers' copies (layering), so it names what it reads here.

import type { Pod } from '../../../client/index.js';
import type { LabelSelectorObject } from '../../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../../machinery/meta.js';
import type { GroupVersionResource } from '../../../machinery/schema.js';
import type { NodeSelectorTerm } from '../../framework/types.js';

export const PVCS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const PVS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const STORAGE_CLASSES: GroupVersionResource = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

/** Set on a WaitForFirstConsumer claim by the scheduler: the provisioner creates the volume for that node. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** A class with this provisioner has only pre-made volumes (local volumes). */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface PersistentVolumeClaim extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    accessModes?: string[];
    selector?: LabelSelectorObject;
    resources?: { requests?: Record<string, string> };
    volumeName?: string;
    storageClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string };
}

export interface PersistentVolume extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    claimRef?: { apiVersion?: string; kind?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
  };
  status?: { phase?: string };
}

export interface StorageClass extends KubeObject {
  metadata?: ObjectMeta;
  provisioner?: string;
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
}

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
