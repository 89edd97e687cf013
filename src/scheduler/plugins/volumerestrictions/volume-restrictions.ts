// VolumeRestrictions (upstream's plugins/volumerestrictions): volumes that cannot be shared.
//
//   inline disks  a GCE PD or an iSCSI target used by a pod on the node, unless both mount
//                 it read-only; an AWS EBS volume used there at all; an RBD image with an
//                 overlapping monitor, same pool and image, unless both are read-only
//                 ─▶ Unschedulable `node(s) had no available disk`
//   claims        a ReadWriteOncePod claim already used by any scheduled pod ─▶ Unschedulable
//                 (preemption may free it)
//
// PreFilter skips pods with neither kind of volume, and counts the references of scheduled
// pods to the pod's ReadWriteOncePod claims once; its extensions (upstream's AddPod/
// RemovePod) keep that count true when preemption's dry run takes a victim off a node or a
// nominated pod is added, so the holder of a claim is a victim that frees it.

import type { Lister, Pod } from '../../../client/index.js';
import { hinted, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, Handle, PreFilterExtensions, PreFilterPlugin } from '../../framework/interfaces.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { claimsOfPod, isClaimOfPod, podVolumes, type PersistentVolumeClaim, type PodVolume } from '../volumebinding/types.js';

export const NAME = 'VolumeRestrictions';
export const DISK_CONFLICT = 'node(s) had no available disk';
export const RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const STATE_KEY = `PreFilter${NAME}`;

/** What PreFilter found; the extensions change `conflictingClaimRefs` on clones only. */
class PreFilterState {
  constructor(
    /** The pod has GCE PD, EBS, RBD or iSCSI volumes to compare per node. */
    readonly inline: readonly PodVolume[],
    /** The pod's ReadWriteOncePod claims, `ns/name`. */
    readonly rwopClaims: ReadonlySet<string>,
    /** References of scheduled pods' volumes to those claims. */
    public conflictingClaimRefs: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.inline, this.rwopClaims, this.conflictingClaimRefs);
  }
}

const overlap = (a: readonly string[] = [], b: readonly string[] = []): boolean => a.some((m) => b.includes(m));

/** Whether two inline volumes name the same disk in a way that cannot be shared. */
export function disksConflict(v: PodVolume, e: PodVolume): boolean {
  if (v.gcePersistentDisk !== undefined && e.gcePersistentDisk !== undefined) {
    return v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly === true && e.gcePersistentDisk.readOnly === true);
  }
  if (v.awsElasticBlockStore !== undefined && e.awsElasticBlockStore !== undefined) return v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID;
  if (v.iscsi !== undefined && e.iscsi !== undefined) return v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly === true && e.iscsi.readOnly === true);
  if (v.rbd !== undefined && e.rbd !== undefined) {
    const same = overlap(v.rbd.monitors, e.rbd.monitors) && v.rbd.pool === e.rbd.pool && v.rbd.image === e.rbd.image;
    return same && !(v.rbd.readOnly === true && e.rbd.readOnly === true);
  }
  return false;
}

const isInlineDisk = (v: PodVolume): boolean => v.gcePersistentDisk !== undefined || v.awsElasticBlockStore !== undefined || v.iscsi !== undefined || v.rbd !== undefined;

/** How many volumes of `pod` reference one of `claimKeys` (`ns/name`). */
function claimRefs(pod: Pod, claimKeys: ReadonlySet<string>): number {
  const ns = pod.metadata?.namespace ?? 'default';
  let refs = 0;
  for (const use of claimsOfPod(pod)) if (claimKeys.has(`${ns}/${use.claimName}`)) refs++;
  return refs;
}

/** References of the scheduled pods (other than `pod`) to `claimKeys`. */
function scheduledClaimRefs(pod: Pod, claimKeys: ReadonlySet<string>, nodes: readonly NodeInfo[]): number {
  const self = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  let refs = 0;
  for (const info of nodes) {
    for (const [key, { pod: existing }] of info.pods) if (key !== self) refs += claimRefs(existing, claimKeys);
  }
  return refs;
}

/** Moves the count by the claim references of a pod added to (+1) or taken off (-1) a node in a what-if. */
function adjust(state: CycleState, changed: Pod, sign: 1 | -1): Status {
  const s = state.read<PreFilterState>(STATE_KEY);
  if (s === undefined) return Status.error(`cannot read "${STATE_KEY}" from cycleState`);
  if (s.rwopClaims.size > 0) s.conflictingClaimRefs += sign * claimRefs(changed, s.rwopClaims);
  return Status.success();
}

const extensions: PreFilterExtensions = {
  addPod: (state, _pod, added) => adjust(state, added, 1),
  removePod: (state, _pod, removed) => adjust(state, removed, -1),
};

export function volumeRestrictions(handle: Handle, claims: Lister<PersistentVolumeClaim>): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    events: [...on('pods', 'Delete'), ...hinted(isClaimOfPod, on('persistentvolumeclaims', 'Add', 'Update')), ...on('nodes', 'Add')],
    extensions,
    preFilter(state, pod) {
      const inline = podVolumes(pod).filter(isInlineDisk);
      const uses = claimsOfPod(pod);
      if (inline.length === 0 && uses.length === 0) return { status: Status.skip() };
      const namespace = pod.metadata?.namespace ?? 'default';
      const rwop = new Set<string>();
      for (const use of uses) {
        const claim = claims.namespace(namespace).get(use.claimName);
        if (claim === undefined) return { status: Status.unresolvable(`persistentvolumeclaim "${use.claimName}" not found`) };
        if ((claim.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(`${namespace}/${use.claimName}`);
      }
      const conflictingClaimRefs = rwop.size === 0 ? 0 : scheduledClaimRefs(pod, rwop, handle.snapshot().nodes());
      if (inline.length === 0 && conflictingClaimRefs === 0) return { status: Status.skip() };
      state.write(STATE_KEY, new PreFilterState(inline, rwop, conflictingClaimRefs));
      return { status: Status.success() };
    },
    filter(state, _pod, info) {
      const s = state.read<PreFilterState>(STATE_KEY);
      if (s === undefined) return Status.success();
      if (s.inline.length > 0) {
        for (const { pod: existing } of info.pods.values()) {
          const theirs = podVolumes(existing).filter(isInlineDisk);
          if (s.inline.some((v) => theirs.some((e) => disksConflict(v, e)))) return Status.unschedulable(DISK_CONFLICT);
        }
      }
      if (s.conflictingClaimRefs > 0) return Status.unschedulable(RWOP_CONFLICT);
      return Status.success();
    },
  };
}
