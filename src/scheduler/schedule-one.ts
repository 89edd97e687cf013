// One scheduling attempt for one pod (upstream's schedule_one.go, the scheduling cycle):
// PreFilter, Filter over the snapshot starting where the last cycle stopped until enough
// feasible nodes are found, PostFilter when none is, then PreScore/Score and the best
// node (ties broken at random). Synchronous: the snapshot does not change under it.

import type { Pod } from '../client/index.js';
import type { CycleState } from './framework/cycle-state.js';
import type { Framework } from './framework/framework.js';
import { fitErrorMessage } from './framework/fit-error.js';
import type { NodeToStatus } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import type { Status } from './framework/status.js';
import { numFeasibleNodesToFind } from './num-feasible-nodes.js';
import type { Snapshot } from './cache/snapshot.js';

export type CycleResult =
  | { readonly kind: 'scheduled'; readonly node: string; readonly evaluated: number; readonly feasible: number }
  | { readonly kind: 'unschedulable'; readonly message: string; readonly nominatedNodeName?: string; /** The plugins that rejected the pod (queueing hints). */ readonly plugins?: ReadonlySet<string> }
  | { readonly kind: 'error'; readonly message: string };

/** Carries the round-robin start between cycles. */
export class NodeCursor {
  next = 0;
}

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

/** Pods nominated to a node by preemption, not yet bound. */
export type NominatedPods = (nodeName: string) => readonly Pod[];

const NONE: NominatedPods = () => [];

/** Told how long an extension point took (metrics); `startMs` is a performance.now() reading. */
export type PointTimer = (point: 'PreFilter' | 'PostFilter' | 'PreScore' | 'Score', status: Status, startMs: number) => void;

const UNTIMED: PointTimer = () => {};

export function schedulePod(fw: Framework, state: CycleState, pod: Pod, snapshot: Snapshot, cursor: NodeCursor, random: () => number = Math.random, nominated: NominatedPods = NONE, timed: PointTimer = UNTIMED): CycleResult {
  const all = snapshot.nodes();
  if (all.length === 0) return { kind: 'unschedulable', message: NO_NODES_MESSAGE };
  let t = performance.now();
  const pre = fw.runPreFilter(state, pod, all);
  timed('PreFilter', pre.status, t);
  if (!pre.status.isSuccess()) {
    if (pre.status.code === 'Error') return errorResult(pre.status);
    return failed(fw, state, pod, all.length, new Map(all.map((n) => [n.name(), pre.status])), timed, pre.status.message());
  }
  const candidates = pre.nodeNames === undefined ? all : all.filter((n) => pre.nodeNames!.has(n.name()));
  const statuses: NodeToStatus = new Map();
  const feasible: NodeInfo[] = [];
  const wanted = numFeasibleNodesToFind(candidates.length, fw.percentageOfNodesToScore);
  const start = pre.nodeNames === undefined ? cursor.next % candidates.length : 0;
  let processed = 0;
  while (processed < candidates.length && feasible.length < wanted) {
    const node = candidates[(start + processed) % candidates.length]!;
    processed++;
    const status = fw.runFiltersWithNominated(state, pod, node, nominated(node.name()));
    if (status.isSuccess()) feasible.push(node);
    else if (status.code === 'Error') return errorResult(status);
    else statuses.set(node.name(), status);
  }
  if (pre.nodeNames === undefined) cursor.next = (start + processed) % all.length;
  if (feasible.length === 0) return failed(fw, state, pod, all.length, statuses, timed);
  if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0]!.name(), evaluated: processed, feasible: 1 };
  t = performance.now();
  const preScore = fw.runPreScore(state, pod, feasible);
  timed('PreScore', preScore, t);
  if (!preScore.isSuccess()) return errorResult(preScore);
  t = performance.now();
  const { totals, status } = fw.runScore(state, pod, feasible);
  timed('Score', status, t);
  if (!status.isSuccess()) return errorResult(status);
  return { kind: 'scheduled', node: selectHost(feasible, totals, random), evaluated: processed, feasible: feasible.length };
}

/** The highest total; among equal ones each is equally likely (reservoir sampling, as upstream). */
export function selectHost(nodes: readonly NodeInfo[], totals: readonly number[], random: () => number): string {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < nodes.length; i++) {
    if (totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  return nodes[best]!.name();
}

/** An Error status as a result, naming the plugin (upstream: `running "X" plugin: …`). */
function errorResult(status: Status): CycleResult {
  return { kind: 'error', message: status.plugin === '' ? status.message() : `running "${status.plugin}" plugin: ${status.message()}` };
}

function failed(fw: Framework, state: CycleState, pod: Pod, numAll: number, statuses: NodeToStatus, timed: PointTimer, preFilterMessage?: string): CycleResult {
  const t = performance.now();
  const post = fw.plugins.postFilter.length === 0 ? undefined : fw.runPostFilter(state, pod, statuses);
  if (post !== undefined) timed('PostFilter', post.status, t);
  if (post?.status.code === 'Error') return errorResult(post.status);
  const postMessage = post === undefined || post.status.isSuccess() ? undefined : post.status.message();
  const message = fitErrorMessage(numAll, statuses, undefined, preFilterMessage, postMessage);
  const nominated = post?.nominatedNodeName;
  const plugins = new Set<string>();
  for (const status of statuses.values()) if (status.plugin !== '') plugins.add(status.plugin);
  return nominated === undefined ? { kind: 'unschedulable', message, plugins } : { kind: 'unschedulable', message, nominatedNodeName: nominated, plugins };
}

