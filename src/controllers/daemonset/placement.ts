// Whether a node should run a DaemonSet's pod (upstream's NodeShouldRunDaemonPod and the
// scheduler predicates it repeats): the pod template, with the tolerations every daemon pod
// gets, must fit the node's name, nodeSelector, required node affinity and taints.
// `shouldRun` decides creation; `shouldContinueRunning` (only NoExecute taints count) decides
// whether an existing pod is removed, so a new NoSchedule taint evicts nothing.

import type { Node } from '../../client/index.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, taintsOf, tolerates, type Toleration } from '../base/taints.js';
import { matchesAnyNodeSelectorTerm, type NodeSelectorTerm } from '../../api/scheduling/node-selector.js';
import type { PlacementSpec } from './types.js';

/** The tolerations upstream adds to every daemon pod (AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const noSchedule = ['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable', ...(hostNetwork ? ['network-unavailable'] : [])];
  return [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    ...noSchedule.map((name): Toleration => ({ key: `node.kubernetes.io/${name}`, operator: 'Exists', effect: 'NoSchedule' })),
  ];
}

/** `tolerations` with each of `added` put in unless an equal one is there (key, operator, value, effect). */
export function withTolerations(tolerations: readonly Toleration[], added: readonly Toleration[]): Toleration[] {
  const same = (a: Toleration, b: Toleration) => (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
  const out = [...tolerations];
  for (const toleration of added) if (!out.some((t) => same(t, toleration))) out.push(toleration);
  return out;
}

function fitsAffinity(spec: PlacementSpec, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || matchesAnyNodeSelectorTerm(required.nodeSelectorTerms, node);
}

export interface Placement {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(node: Node, spec: PlacementSpec): Placement {
  const fitsName = (spec.nodeName ?? '') === '' || spec.nodeName === node.metadata?.name;
  if (!fitsName || !fitsAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = withTolerations(spec.tolerations ?? [], daemonTolerations(spec.hostNetwork === true));
  const untolerated = taintsOf(node).filter((taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerations.some((t) => tolerates(t, taint)));
  return { shouldRun: untolerated.length === 0, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}

/** The node a daemon pod is for: its nodeName, or (not yet bound) the node its affinity pins (upstream's GetTargetNodeName). */
export function targetNodeName(spec: PlacementSpec): string | undefined {
  if ((spec.nodeName ?? '') !== '') return spec.nodeName;
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}

/** The affinity with its required terms replaced by one pinning `nodeName` (upstream's ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function pinnedAffinity(affinity: PlacementSpec['affinity'], nodeName: string): NonNullable<PlacementSpec['affinity']> {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
}
