// Choosing victims and the node to preempt on (upstream's preemption.go and
// default_preemption.go): victims whose eviction would violate a PodDisruptionBudget are
// given back first, so they are evicted only when nothing else makes room, and the node
// with the fewest such violations wins.

import type { Pod } from '../../../client/index.js';
import { parseTime } from '../../../machinery/time.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { PreFilterExtensions } from '../../framework/interfaces.js';
import { podEntry, type NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { podKey, podPriority } from '../../framework/types.js';
import { splitByPdbViolation, type PodDisruptionBudget } from './pdb.js';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Candidate {
  readonly node: string;
  /** Most important first. */
  readonly victims: Pod[];
  /** How many victims violate a PodDisruptionBudget. */
  readonly pdbViolations: number;
}

type RunFilters = (state: CycleState, pod: Pod, node: NodeInfo) => Status;

function startTime(pod: Pod): number {
  const raw = (pod.status?.startTime as string | undefined) ?? pod.metadata?.creationTimestamp;
  return raw === undefined ? 0 : parseTime(raw);
}

/** Upstream's MoreImportantPod: higher priority, then started earlier. */
export function moreImportant(a: Pod, b: Pod): number {
  return podPriority(b) - podPriority(a) || startTime(a) - startTime(b);
}

/**
 * The fewest lower-priority pods whose removal lets `pod` pass Filter on `info`: remove
 * them all, then give back the most important ones one by one while the pod still fits —
 * those whose eviction would violate a budget first.
 */
export function selectVictimsOnNode(
  state: CycleState,
  pod: Pod,
  info: NodeInfo,
  runFilters: RunFilters,
  pdbs: readonly PodDisruptionBudget[] = [],
  extensions?: PreFilterExtensions,
): { victims: Pod[]; pdbViolations: number; status: Status } {
  const priority = podPriority(pod);
  const potential = [...info.pods.values()].map((e) => e.pod).filter((p) => podPriority(p) < priority);
  if (potential.length === 0) return { victims: [], pdbViolations: 0, status: Status.unresolvable(NO_VICTIMS) };
  // The what-if runs on copies: the node, and the PreFilter state that counts its pods
  // (InterPodAffinity, PodTopologySpread), which the extensions keep in step.
  const trial = info.clone();
  const trialState = extensions === undefined ? state : state.clone();
  const remove = (p: Pod): Status => {
    trial.removePod(podKey(p));
    return extensions?.removePod(trialState, pod, p, trial) ?? Status.success();
  };
  const add = (p: Pod): Status => {
    trial.addPod(podEntry(p));
    return extensions?.addPod(trialState, pod, p, trial) ?? Status.success();
  };
  for (const p of potential) {
    const removed = remove(p);
    if (!removed.isSuccess()) return { victims: [], pdbViolations: 0, status: removed };
  }
  const fits = runFilters(trialState, pod, trial);
  if (!fits.isSuccess()) return { victims: [], pdbViolations: 0, status: fits };
  potential.sort(moreImportant);
  const { violating, nonViolating } = splitByPdbViolation(potential, pdbs);
  const victims: Pod[] = [];
  const reprieve = (p: Pod): boolean => {
    if (add(p).isSuccess() && runFilters(trialState, pod, trial).isSuccess()) return false;
    remove(p);
    victims.push(p);
    return true;
  };
  let pdbViolations = 0;
  for (const p of violating) if (reprieve(p)) pdbViolations++;
  for (const p of nonViolating) reprieve(p);
  victims.sort(moreImportant);
  return { victims, pdbViolations, status: Status.success() };
}

const PRIORITY_OFFSET = 2 ** 31;

/**
 * Upstream's pickOneNodeForPreemption: the fewest PodDisruptionBudget violations, then the
 * lowest highest-victim priority, then the lowest sum of (offset) priorities, then the fewest victims, then the
 * latest start among the highest-priority victims, then the first.
 */
export function pickCandidate(candidates: readonly Candidate[]): Candidate | undefined {
  const criteria: ((c: Candidate) => number)[] = [
    (c) => c.pdbViolations,
    (c) => podPriority(c.victims[0]!),
    (c) => c.victims.reduce((sum, v) => sum + podPriority(v) + PRIORITY_OFFSET, 0),
    (c) => c.victims.length,
    (c) => {
      const top = podPriority(c.victims[0]!);
      return -Math.min(...c.victims.filter((v) => podPriority(v) === top).map(startTime));
    },
  ];
  let remaining = candidates.filter((c) => c.victims.length > 0);
  for (const score of criteria) {
    if (remaining.length <= 1) break;
    const best = Math.min(...remaining.map(score));
    remaining = remaining.filter((c) => score(c) === best);
  }
  return remaining[0];
}
