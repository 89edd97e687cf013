// The in-tree registry: plugin name → factory. A profile names plugins; only names found
// here can be enabled (the configuration loader checks).

import { NAMESPACES, type Client, type Clock, type Namespace, type SharedInformer } from '../../client/index.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { GroupVersionResource } from '../../machinery/schema.js';
import type { AnyPlugin } from '../framework/interfaces.js';
import type { WaitingPodsHandle } from '../framework/waiting-pods.js';
import type { PreemptionHandle } from './defaultpreemption/default-preemption.js';
import { defaultBinder } from './defaultbinder/default-binder.js';
import { defaultPreemption } from './defaultpreemption/default-preemption.js';
import { PDBS, type PodDisruptionBudget } from './defaultpreemption/pdb.js';
import { preemptionArgs } from './defaultpreemption/preemption-args.js';
import { imageLocality } from './imagelocality/image-locality.js';
import { interPodAffinityArgs } from './interpodaffinity/affinity-args.js';
import { interPodAffinity } from './interpodaffinity/inter-pod-affinity.js';
import { nodeAffinityArgs } from './nodeaffinity/affinity-args.js';
import { nodeAffinity } from './nodeaffinity/node-affinity.js';
import { nodeNamePlugin } from './nodename/node-name.js';
import { nodePorts } from './nodeports/node-ports.js';
import { balancedArgs } from './noderesources/balanced-args.js';
import { balancedAllocation } from './noderesources/balanced-allocation.js';
import { fitArgs, nodeResourcesFit } from './noderesources/fit.js';
import { nodeUnschedulable } from './nodeunschedulable/node-unschedulable.js';
import { REPLICATION_CONTROLLERS, REPLICA_SETS, SERVICES, STATEFUL_SETS, spreadDefaults, type SelectorSources } from './podtopologyspread/defaults.js';
import { podTopologySpread } from './podtopologyspread/pod-topology-spread.js';
import { spreadArgs } from './podtopologyspread/spread-args.js';
import { prioritySort } from './prioritysort/priority-sort.js';
import { schedulingGates } from './schedulinggates/scheduling-gates.js';
import { taintToleration } from './tainttoleration/taint-toleration.js';
import { PVCS, PVS, STORAGE_CLASSES, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './volumebinding/types.js';
import { bindTimeoutMs, volumeBinding } from './volumebinding/volume-binding.js';
import { volumeZone } from './volumezone/volume-zone.js';
import { volumeRestrictions } from './volumerestrictions/volume-restrictions.js';

/** What plugin factories get from the scheduler. */
export interface SchedulerHandle extends PreemptionHandle, WaitingPodsHandle {
  /**
   * The shared informer of `gvr`. Ask while being built: the scheduler starts it with the
   * others and waits for its sync before scheduling; its add/update/delete events are
   * cluster events that may move unschedulable pods.
   */
  informer<T extends KubeObject>(gvr: GroupVersionResource): SharedInformer<T>;
  /** The API, for writes a plugin makes itself (VolumeBinding's PreBind). */
  readonly client: Client;
  readonly clock: Clock;
}

/** Builds a plugin from its pluginConfig args. */
export type Factory = (args: Record<string, unknown> | undefined, handle: SchedulerHandle) => AnyPlugin;

export const REGISTRY: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['PrioritySort', () => prioritySort()],
  ['SchedulingGates', () => schedulingGates()],
  ['NodeUnschedulable', () => nodeUnschedulable()],
  ['NodeName', () => nodeNamePlugin()],
  ['TaintToleration', () => taintToleration()],
  ['NodeAffinity', (args) => nodeAffinity(nodeAffinityArgs(args))],
  ['NodePorts', () => nodePorts()],
  ['NodeResourcesFit', (args) => nodeResourcesFit(fitArgs(args))],
  ['NodeResourcesBalancedAllocation', (args) => balancedAllocation(balancedArgs(args))],
  ['PodTopologySpread', (args, handle) => podTopologySpreadFromHandle(args, handle)],
  ['InterPodAffinity', (args, handle) => {
    const parsed = interPodAffinityArgs(args);
    const namespaces = handle.informer<Namespace>(NAMESPACES).lister;
    return interPodAffinity(handle, parsed, (ns) => namespaces.get(ns)?.metadata?.labels);
  }],
  ['VolumeRestrictions', (_args, handle) => volumeRestrictions(handle, handle.informer<PersistentVolumeClaim>(PVCS).lister)],
  ['VolumeBinding', (args, handle) => volumeBindingFromHandle(args, handle)],
  ['VolumeZone', (_args, handle) => volumeZone({
    claims: handle.informer<PersistentVolumeClaim>(PVCS).lister,
    volumes: handle.informer<PersistentVolume>(PVS).lister,
    classes: handle.informer<StorageClass>(STORAGE_CLASSES).lister,
  })],
  ['DefaultPreemption', (args, handle) => {
    const parsed = preemptionArgs(args);
    const pdbs = handle.informer<PodDisruptionBudget>(PDBS).lister;
    return defaultPreemption(handle, { pdbs: () => pdbs.list(), args: parsed });
  }],
  ['ImageLocality', (_args, handle) => imageLocality(handle)],
  ['DefaultBinder', (_args, handle) => defaultBinder(handle)],
]);

function podTopologySpreadFromHandle(raw: Record<string, unknown> | undefined, handle: SchedulerHandle): AnyPlugin {
  const args = spreadArgs(raw);
  // The informers are needed only when pods may get defaults.
  if (args.defaults.length === 0) return podTopologySpread(handle);
  const sources: SelectorSources = {
    services: handle.informer(SERVICES).lister,
    replicationControllers: handle.informer(REPLICATION_CONTROLLERS).lister,
    replicaSets: handle.informer(REPLICA_SETS).lister,
    statefulSets: handle.informer(STATEFUL_SETS).lister,
  };
  return podTopologySpread(handle, spreadDefaults(args.defaults, args.defaultingType === 'System', sources));
}

function volumeBindingFromHandle(args: Record<string, unknown> | undefined, handle: SchedulerHandle): AnyPlugin {
  const timeout = bindTimeoutMs(args);
  const claims = handle.informer<PersistentVolumeClaim>(PVCS);
  return volumeBinding({
    claims: claims.lister,
    volumes: handle.informer<PersistentVolume>(PVS).lister,
    classes: handle.informer<StorageClass>(STORAGE_CLASSES).lister,
    onClaimChange: (fn) => claims.addEventHandler({ onAdd: fn, onUpdate: (_old, claim) => fn(claim) }),
    client: handle.client,
    clock: handle.clock,
    bindTimeoutMs: timeout,
  });
}

/** The default profile's multiPoint plugins in upstream's order, with Score weights. */
export const DEFAULT_MULTIPOINT: readonly { name: string; weight?: number }[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];
