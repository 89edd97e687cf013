// The parts of core/v1 Pod and Node specs the scheduler reads, typed. The client's shapes
// name only what the client layer needs; these views narrow the rest for the plugins.

import type { Node, Pod } from '../../client/index.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';

import type { Taint, Toleration } from '../../api/scheduling/tolerations.js';

export type { Taint, Toleration } from '../../api/scheduling/tolerations.js';

import type { NodeSelectorTerm } from '../../api/scheduling/node-selector.js';

export type { NodeSelectorRequirement, NodeSelectorTerm } from '../../api/scheduling/node-selector.js';

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelectorObject | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorObject | null;
  topologyKey: string;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelectorObject | null;
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
}

export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: ContainerPort[];
  restartPolicy?: string;
}

export interface PodSpecView {
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  preemptionPolicy?: string;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: NodeAffinity; podAffinity?: PodAffinity; podAntiAffinity?: PodAffinity };
  tolerations?: Toleration[];
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  overhead?: Record<string, string>;
  schedulingGates?: { name: string }[];
  topologySpreadConstraints?: TopologySpreadConstraint[];
}

export interface NodeSpecView {
  unschedulable?: boolean;
  taints?: Taint[];
}

export function podSpec(pod: Pod): PodSpecView {
  return (pod.spec ?? { containers: [] }) as unknown as PodSpecView;
}

export function nodeSpec(node: Node): NodeSpecView {
  return (node.spec ?? {}) as NodeSpecView;
}

export function podPriority(pod: Pod): number {
  return podSpec(pod).priority ?? 0;
}

export function nodeName(node: Node): string {
  return node.metadata?.name ?? '';
}

/** `namespace/name`, as events and logs name pods. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
