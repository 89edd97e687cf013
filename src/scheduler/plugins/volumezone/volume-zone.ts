// VolumeZone (upstream's plugins/volumezone): a bound PersistentVolume labelled with a zone or
// region can be used only from nodes in it.
//
//   PreFilter  each claim of a persistentVolumeClaim volume: missing ─▶ unresolvable
//              (`persistentvolumeclaim "x" not found`); unbound with a WaitForFirstConsumer
//              class ─▶ passed over (VolumeBinding picks its volume per node); unbound
//              otherwise ─▶ unresolvable; bound ─▶ its volume's topology labels, each value a
//              set of zones joined by `__`. No labels at all ─▶ Skip.
//   Filter     a node with none of the topology labels passes (a one-zone cluster labels
//              nothing); otherwise every volume label must be on the node — the beta key or
//              its GA key — with one of the volume's values, else UnschedulableAndUnresolvable
//              `node(s) had no available volume zone`.

import type { Lister, Pod } from '../../../client/index.js';
import { hinted, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin } from '../../framework/interfaces.js';
import { isClaimOfPod, podVolumes, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '../volumebinding/types.js';

export const NAME = 'VolumeZone';
export const ZONE_CONFLICT = 'node(s) had no available volume zone';
const STATE_KEY = `PreFilter${NAME}`;

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
/** Upstream's order; the beta keys first. */
const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];
const GA_KEY: Readonly<Record<string, string>> = { [BETA_ZONE]: ZONE, [BETA_REGION]: REGION };
/** Separates the zones of a volume available in several. */
const ZONE_DELIMITER = '__';

/** One topology label of one of the pod's volumes. */
interface VolumeTopology {
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

export interface VolumeZoneListers {
  readonly claims: Lister<PersistentVolumeClaim>;
  readonly volumes: Lister<PersistentVolume>;
  readonly classes: Lister<StorageClass>;
}

/** The zones of a label value, or undefined when one of them is empty (upstream then ignores the label). */
function zoneSet(value: string): Set<string> | undefined {
  const zones = new Set<string>();
  for (const part of value.split(ZONE_DELIMITER)) {
    const zone = part.trim();
    if (zone === '') return undefined;
    zones.add(zone);
  }
  return zones;
}

export function volumeTopologies(pv: PersistentVolume): VolumeTopology[] {
  const labels = pv.metadata?.labels ?? {};
  const found: VolumeTopology[] = [];
  for (const key of TOPOLOGY_LABELS) {
    const value = labels[key];
    const values = value === undefined ? undefined : zoneSet(value);
    if (values !== undefined) found.push({ key, values });
  }
  return found;
}

/** The topologies of the pod's bound volumes, or the status that stops the pod. */
function podTopologies(pod: Pod, listers: VolumeZoneListers): VolumeTopology[] | Status {
  const namespace = pod.metadata?.namespace ?? 'default';
  const found: VolumeTopology[] = [];
  for (const volume of podVolumes(pod)) {
    const claimName = volume.persistentVolumeClaim?.claimName;
    if (claimName === undefined) continue;
    if (claimName === '') return Status.unresolvable('PersistentVolumeClaim had no name');
    const claim = listers.claims.namespace(namespace).get(claimName);
    if (claim === undefined) return Status.unresolvable(`persistentvolumeclaim "${claimName}" not found`);
    const pvName = claim.spec?.volumeName ?? '';
    if (pvName === '') {
      const className = claim.spec?.storageClassName ?? '';
      if (className === '') return Status.unresolvable('PersistentVolumeClaim had no pv name and storageClass name');
      const sc = listers.classes.get(className);
      if (sc === undefined) return Status.unresolvable(`storageclass.storage.k8s.io "${className}" not found`);
      if (sc.volumeBindingMode === 'WaitForFirstConsumer') continue;
      return Status.unresolvable('PersistentVolume had no name');
    }
    const pv = listers.volumes.get(pvName);
    if (pv === undefined) return Status.unresolvable(`persistentvolume "${pvName}" not found`);
    found.push(...volumeTopologies(pv));
  }
  return found;
}

/** A queueing hint for volume events: a new volume, or one whose topology labels changed. */
function topologyChanged(_pod: Pod, oldObj: unknown, newObj: unknown): boolean {
  if (oldObj === undefined) return true;
  return JSON.stringify(volumeTopologies(oldObj as PersistentVolume).map((t) => [t.key, [...t.values]])) !==
    JSON.stringify(volumeTopologies(newObj as PersistentVolume).map((t) => [t.key, [...t.values]]));
}

const waitsForConsumer = (_pod: Pod, _old: unknown, sc: unknown): boolean => (sc as StorageClass | undefined)?.volumeBindingMode === 'WaitForFirstConsumer';

export function volumeZone(listers: VolumeZoneListers): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    events: [
      ...hinted(waitsForConsumer, on('storageclasses', 'Add')),
      ...on('nodes', 'Add', 'UpdateNodeLabel', 'UpdateNodeTaint'),
      ...hinted(isClaimOfPod, on('persistentvolumeclaims', 'Add', 'Update')),
      ...hinted(topologyChanged, on('persistentvolumes', 'Add', 'Update')),
    ],
    preFilter(state, pod) {
      if (!podVolumes(pod).some((v) => v.persistentVolumeClaim !== undefined)) return { status: Status.skip() };
      const topologies = podTopologies(pod, listers);
      if (topologies instanceof Status) return { status: topologies };
      if (topologies.length === 0) return { status: Status.skip() };
      state.write(STATE_KEY, topologies);
      return { status: Status.success() };
    },
    filter(state, _pod, info) {
      const topologies = state.read<VolumeTopology[]>(STATE_KEY);
      const labels = info.node?.metadata?.labels ?? {};
      if (topologies === undefined || !TOPOLOGY_LABELS.some((key) => labels[key] !== undefined)) return Status.success();
      for (const { key, values } of topologies) {
        const value = labels[key] ?? labels[GA_KEY[key] ?? key];
        if (value === undefined || !values.has(value)) return Status.unresolvable(ZONE_CONFLICT);
      }
      return Status.success();
    },
  };
}
