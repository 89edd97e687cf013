// What a sync of a DaemonSet does, as pure plans over each node and its daemon pods:
//
//   manage (upstream's podsShouldBeOnNode): a node that should run the pod and has none gets
//   one; a failed pod is removed (to be replaced); extra pods are removed, the oldest kept
//   (while surging, the oldest old and the oldest new); a node that should no longer run it
//   loses its pods.
//   rolling update (upstream's rollingUpdate): without surge, old pods are removed while no
//   more than maxUnavailable nodes lack an available pod (an unavailable old pod goes at
//   once); with maxSurge, a new pod starts beside the old one, and the old one goes when the
//   new one is available.

import { isPodAvailable } from '../base/pods.js';
import type { Pod } from '../../client/index.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../base/controller-history.js';
import type { Placement } from './placement.js';

export interface NodeDaemonPods {
  readonly name: string;
  readonly placement: Placement;
  /** The claimed pods for this node, oldest first, terminating ones included. */
  readonly pods: readonly Pod[];
}

export interface SyncPlan {
  /** Nodes to create a pod for. */
  readonly create: string[];
  readonly remove: Pod[];
}

const terminating = (pod: Pod) => pod.metadata?.deletionTimestamp !== undefined;
const failed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isNew = (pod: Pod, hash: string) => pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;

export function planManage(nodes: readonly NodeDaemonPods[], hash: string, surging: boolean): SyncPlan {
  const plan: SyncPlan = { create: [], remove: [] };
  for (const node of nodes) {
    const live = node.pods.filter((p) => !terminating(p));
    if (node.placement.shouldRun && node.pods.length === 0) {
      plan.create.push(node.name);
    } else if (node.placement.shouldContinueRunning) {
      plan.remove.push(...live.filter(failed));
      const running = live.filter((p) => !failed(p));
      const keep = surging ? [running.find((p) => isNew(p, hash)), running.find((p) => !isNew(p, hash))] : [running[0]];
      plan.remove.push(...running.filter((p) => !keep.includes(p)));
    } else {
      plan.remove.push(...live);
    }
  }
  return plan;
}

export interface RollingInput {
  readonly nodes: readonly NodeDaemonPods[];
  readonly hash: string;
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly minReadySeconds: number;
  readonly now: number;
}

/** The node's single old and single new live pod; undefined when it has duplicates (manage handles those). */
function splitPods(node: NodeDaemonPods, hash: string): { old?: Pod; cur?: Pod } | undefined {
  const live = node.pods.filter((p) => !terminating(p));
  const news = live.filter((p) => isNew(p, hash));
  const olds = live.filter((p) => !isNew(p, hash));
  if (news.length > 1 || olds.length > 1) return undefined;
  return { old: olds[0], cur: news[0] };
}

export function planRollingUpdate(input: RollingInput): SyncPlan {
  return input.maxSurge === 0 ? planWithoutSurge(input) : planWithSurge(input);
}

function planWithoutSurge(input: RollingInput): SyncPlan {
  const available = (pod: Pod) => isPodAvailable(pod, input.minReadySeconds, input.now);
  let unavailable = 0;
  const freeToGo: Pod[] = [];
  const candidates: Pod[] = [];
  for (const node of input.nodes.filter((n) => n.placement.shouldRun)) {
    const split = splitPods(node, input.hash);
    if (split === undefined) continue;
    const { old, cur } = split;
    if ((old === undefined && cur === undefined) || (old !== undefined && cur !== undefined)) unavailable++;
    else if (cur !== undefined) {
      if (!available(cur)) unavailable++;
    } else if (old !== undefined) {
      if (!available(old)) freeToGo.push(old);
      else if (unavailable < input.maxUnavailable) candidates.push(old);
    }
  }
  const budget = Math.min(Math.max(0, input.maxUnavailable - unavailable), candidates.length);
  return { create: [], remove: [...freeToGo, ...candidates.slice(0, budget)] };
}

function planWithSurge(input: RollingInput): SyncPlan {
  const available = (pod: Pod) => isPodAvailable(pod, input.minReadySeconds, input.now);
  let surging = 0;
  const freeToCreate: string[] = [];
  const candidates: string[] = [];
  const remove: Pod[] = [];
  for (const node of input.nodes.filter((n) => n.placement.shouldRun)) {
    const split = splitPods(node, input.hash);
    if (split?.old === undefined) continue;
    const { old, cur } = split;
    if (cur === undefined) {
      if (!available(old)) freeToCreate.push(node.name);
      else if (surging < input.maxSurge) candidates.push(node.name);
    } else if (available(cur)) {
      remove.push(old);
    } else {
      surging++;
    }
  }
  const budget = Math.min(Math.max(0, input.maxSurge - surging), candidates.length);
  return { create: [...freeToCreate, ...candidates.slice(0, budget)], remove };
}
