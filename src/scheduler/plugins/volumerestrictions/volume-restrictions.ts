// VolumeRestrictions (upstream's plugins/volumerestrictions): volumes that cannot be shared.
//
//   inline disks  a GCE PD or an iSCSI target used by a pod on the node, unless both mount
//                 it read-only; an AWS EBS volume used there at all; an RBD image with an
//                 overlapping monitor, same pool and image, unless both are read-only
//                 ─▶ Unschedulable `node(s) had no available disk`
//   claims        a ReadWriteOncePod claim already used by any scheduled pod ─▶ Unschedulable
//                 (preemption may free it)
//
// PreFilter skips pods with neither kind of volume, and counts the claim's users once.

import type { Lister, Pod } from '../../../client/index.js';
import { hinted, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { claimsOfPod, isClaimOfPod, podVolumes, type PersistentVolumeClaim, type PodVolume } from '../volumebinding/types.js';

export const NAME = 'VolumeRestrictions';
export const DISK_CONFLICT = 'node(s) had no available disk';
export const RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const STATE_KEY = `PreFilter${NAME}`;

interface PreFilterState {
  /** The pod has GCE PD, EBS, RBD or iSCSI volumes to compare per node. */
  readonly inline: readonly PodVolume[];
  /** Scheduled pods using one of the pod's ReadWriteOncePod claims. */
  readonly conflictingClaimUsers: number;
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

/** How many scheduled pods (other than `pod`) use one of `claimKeys` (`ns/name`). */
function claimUsers(pod: Pod, claimKeys: ReadonlySet<string>, nodes: readonly NodeInfo[]): number {
  const self = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  let users = 0;
  for (const info of nodes) {
    for (const [key, { pod: existing }] of info.pods) {
      if (key === self) continue;
      const ns = existing.metadata?.namespace ?? 'default';
      if (claimsOfPod(existing).some((c) => claimKeys.has(`${ns}/${c.claimName}`))) users++;
    }
  }
  return users;
}

export function volumeRestrictions(handle: Handle, claims: Lister<PersistentVolumeClaim>): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    events: [...on('pods', 'Delete'), ...hinted(isClaimOfPod, on('persistentvolumeclaims', 'Add', 'Update')), ...on('nodes', 'Add')],
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
      const conflictingClaimUsers = rwop.size === 0 ? 0 : claimUsers(pod, rwop, handle.snapshot().nodes());
      if (inline.length === 0 && conflictingClaimUsers === 0) return { status: Status.skip() };
      state.write(STATE_KEY, { inline, conflictingClaimUsers } satisfies PreFilterState);
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
      if (s.conflictingClaimUsers > 0) return Status.unschedulable(RWOP_CONFLICT);
      return Status.success();
    },
  };
}
