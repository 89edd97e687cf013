// NodeResourcesFit: Filter rejects nodes whose allocatable minus what their pods request
// cannot hold the pod's requests (and nodes at their pod limit); Score prefers nodes by
// the configured strategy: LeastAllocated by default (cpu and memory, weight 1 each),
// MostAllocated or RequestedToCapacityRatio (fit-args.ts reads and checks the args).

import type { Pod } from '../../../client/index.js';
import { hinted, nodeFilterHint, on } from '../../framework/cluster-event.js';
import { Status } from '../../framework/status.js';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podRequests, type ResourceList } from '../../framework/resources.js';
import { fitArgs, type FitArgs } from './fit-args.js';
import { requestedToCapacityRatio } from './requested-to-capacity-ratio.js';
import { leastAllocated, mostAllocated, resourceScore, type Scorer } from './scoring.js';

export { DEFAULT_RESOURCES, FitArgsError, fitArgs, type FitArgs } from './fit-args.js';

export const NAME = 'NodeResourcesFit';
const STATE_KEY = `PreFilter${NAME}`;
const SCORE_KEY = `PreScore${NAME}`;
const ORDER = ['cpu', 'memory', 'ephemeral-storage'];

/** The resources a pod asks for that a node must have room for. */
export interface Wanted {
  /** Every one, in upstream's reporting order (cpu, memory, ephemeral-storage, the rest sorted). */
  readonly all: readonly (readonly [name: string, amount: number])[];
  readonly cpu: number;
  readonly memory: number;
  /** Those other than cpu and memory. */
  readonly others: readonly (readonly [name: string, amount: number])[];
}

/** Whether a shortage of `name` is ignored: named in ignoredResources, or an extended resource of an ignored group. */
function isIgnored(name: string, ignored: readonly string[], groups: readonly string[]): boolean {
  if (ignored.includes(name)) return true;
  const slash = name.indexOf('/');
  return slash > 0 && groups.includes(name.slice(0, slash));
}

export function wantedResources(request: ResourceList, ignored: readonly string[] = [], ignoredGroups: readonly string[] = []): Wanted {
  const names = [...ORDER, ...[...request.keys()].filter((n) => !ORDER.includes(n) && n !== 'pods').sort()];
  const all = names.map((name) => [name, request.get(name) ?? 0] as const).filter(([name, amount]) => amount > 0 && !isIgnored(name, ignored, ignoredGroups));
  const amount = (name: string) => all.find(([n]) => n === name)?.[1] ?? 0;
  return { all, cpu: amount('cpu'), memory: amount('memory'), others: all.filter(([name]) => name !== 'cpu' && name !== 'memory') };
}

/** The reasons `node` cannot hold a pod that wants `wanted` (empty: it fits). */
export function insufficientResources(wanted: Wanted, node: NodeInfo): string[] {
  // Most nodes fit: check first, and build the reasons only for those that do not.
  if (fits(wanted, node)) return [];
  const reasons: string[] = [];
  if (node.pods.size + 1 > node.allocatablePods) reasons.push('Too many pods');
  for (const [name, want] of wanted.all) if (want > free(node, name)) reasons.push(`Insufficient ${name}`);
  return reasons;
}

/** The filter's question for every node of every pod: plain fields first, maps only for other resources. */
function fits(wanted: Wanted, node: NodeInfo): boolean {
  if (node.pods.size >= node.allocatablePods) return false;
  if (wanted.cpu > node.allocatableCpu - node.requestedCpu) return false;
  if (wanted.memory > node.allocatableMemory - node.requestedMemory) return false;
  for (const [name, want] of wanted.others) if (want > free(node, name)) return false;
  return true;
}

function free(node: NodeInfo, name: string): number {
  switch (name) {
    case 'cpu':
      return node.allocatableCpu - node.requestedCpu;
    case 'memory':
      return node.allocatableMemory - node.requestedMemory;
    default:
      return (node.allocatable.get(name) ?? 0) - (node.requested.get(name) ?? 0);
  }
}

function scorerOf(args: FitArgs): Scorer {
  if (args.strategy === 'MostAllocated') return mostAllocated;
  if (args.strategy === 'RequestedToCapacityRatio') return requestedToCapacityRatio(args.shape);
  return leastAllocated;
}

export function nodeResourcesFit(args: FitArgs = fitArgs(undefined)): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const scorer = scorerOf(args);
  const filter: FilterPlugin['filter'] = (state, pod, node) => {
    const wanted = state.read<Wanted>(STATE_KEY) ?? wantedResources(podRequests(pod), args.ignoredResources, args.ignoredResourceGroups);
    if (fits(wanted, node)) return Status.success();
    return Status.unschedulable(...insufficientResources(wanted, node));
  };
  return {
    name: NAME,
    // A node helps only if its allocatable, empty, could hold the pod.
    events: [...on('pods', 'Delete'), ...hinted(nodeFilterHint(filter), on('nodes', 'Add', 'UpdateNodeAllocatable'))],
    preFilter(state, pod) {
      state.write(STATE_KEY, wantedResources(podRequests(pod), args.ignoredResources, args.ignoredResourceGroups));
      return { status: Status.success() };
    },
    filter,
    preScore(state, pod: Pod) {
      state.write(SCORE_KEY, podRequests(pod, true));
      return Status.success();
    },
    score(state, pod, node) {
      const request = state.read<ResourceList>(SCORE_KEY) ?? podRequests(pod, true);
      return { score: resourceScore(node, request, args.resources, false, scorer), status: Status.success() };
    },
  };
}
