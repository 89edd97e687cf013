// DefaultPreemption: when no node fits, find the node where evicting the fewest and least
// important lower-priority pods makes room, evict them (through the handle) and nominate
// that node; pods of lower priority nominated to that node lose their nomination, since
// the room they were promised is now the preemptor's. When no node can be helped, the
// verdicts per node become the "preemption:" part of the FailedScheduling message, with
// upstream's wording.

import type { Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import type { Handle, NodeToStatus, PostFilterPlugin, PreFilterExtensions } from '../../framework/interfaces.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { fitErrorMessage } from '../../framework/fit-error.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podPriority, podSpec } from '../../framework/types.js';
import type { PodDisruptionBudget } from './pdb.js';
import { numCandidates, preemptionArgs, type PreemptionArgs } from './preemption-args.js';
import { pickCandidate, selectVictimsOnNode, type Candidate } from './victims.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** What preemption needs from the scheduler beyond the plain handle. */
export interface PreemptionHandle extends Handle {
  runFilters(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /** Marks `victim` with DisruptionTarget, deletes it and records a Preempted event; does not wait. */
  evict(victim: Pod, preemptor: Pod, nodeName: string): void;
  /** The profile's PreFilter extensions, to keep counted state true as victims go; absent: none. */
  readonly preFilterExtensions?: PreFilterExtensions;
  /** The pods nominated to `nodeName` and not bound yet (the scheduler's nominator). */
  nominatedPods(nodeName: string): readonly Pod[];
  /** Clears `pod`'s `status.nominatedNodeName` (through pods/status); does not wait. */
  clearNomination(pod: Pod): void;
}

/** A terminating lower-priority pod on the nominated node: room is being made already. */
function waitingForVictims(pod: Pod, handle: PreemptionHandle): boolean {
  const nominated = pod.status?.nominatedNodeName as string | undefined;
  const info = nominated === undefined || nominated === '' ? undefined : handle.snapshot().get(nominated);
  if (info === undefined) return false;
  for (const { pod: p } of info.pods.values()) {
    if (p.metadata?.deletionTimestamp !== undefined && podPriority(p) < podPriority(pod)) return true;
  }
  return false;
}

export interface PreemptionOptions {
  /** The PodDisruptionBudgets (the scheduler's informer cache). */
  readonly pdbs?: () => readonly PodDisruptionBudget[];
  readonly args?: PreemptionArgs;
  /** Where among the potential nodes the dry run starts (upstream: at random). */
  readonly random?: () => number;
}

export function defaultPreemption(handle: PreemptionHandle, options: PreemptionOptions = {}): PostFilterPlugin {
  const pdbs = options.pdbs ?? (() => []);
  const args = options.args ?? preemptionArgs(undefined);
  const random = options.random ?? Math.random;
  return {
    name: NAME,
    postFilter(state, pod, statuses) {
      if (podSpec(pod).preemptionPolicy === 'Never') return { status: Status.unschedulable('preemption: not eligible due to preemptionPolicy=Never.') };
      if (waitingForVictims(pod, handle)) return { status: Status.unschedulable('preemption: not eligible due to a terminating pod on the nominated node.') };
      const all = handle.snapshot().nodes();
      // Nodes rejected as unresolvable cannot be helped by removing pods.
      const potential = all.filter((info) => {
        const status = statuses.get(info.name());
        return status !== undefined && status.code !== 'UnschedulableAndUnresolvable';
      });
      const { candidates, verdicts } = dryRun(state, pod, potential, args, random, pdbs(), handle);
      const chosen = pickCandidate(candidates);
      if (chosen === undefined) {
        const message = fitErrorMessage(all.length, verdicts, Status.unresolvable(NOT_HELPFUL));
        return { status: Status.unschedulable(`preemption: ${message}`) };
      }
      for (const victim of chosen.victims) handle.evict(victim, pod, chosen.node);
      // Upstream's getLowerPriorityNominatedPods: they may no longer fit there; cleared, they look again.
      for (const nominated of handle.nominatedPods(chosen.node)) {
        if (podPriority(nominated) < podPriority(pod)) handle.clearNomination(nominated);
      }
      return { status: Status.success(), nominatedNodeName: chosen.node };
    },
  };
}

/**
 * Victims per potential node, from a random offset, until enough candidates are found,
 * one of them at least without budget violations (upstream's DryRunPreemption).
 */
function dryRun(
  state: CycleState,
  pod: Pod,
  potential: readonly NodeInfo[],
  args: PreemptionArgs,
  random: () => number,
  budgets: readonly PodDisruptionBudget[],
  handle: PreemptionHandle,
): { candidates: Candidate[]; verdicts: NodeToStatus } {
  const wanted = numCandidates(args, potential.length);
  const offset = Math.floor(random() * potential.length);
  const candidates: Candidate[] = [];
  const verdicts: NodeToStatus = new Map();
  let clean = 0;
  for (let i = 0; i < potential.length && !(clean > 0 && candidates.length >= wanted); i++) {
    const info = potential[(offset + i) % potential.length]!;
    const result = selectVictimsOnNode(state, pod, info, (s, p, n) => handle.runFilters(s, p, n), budgets, handle.preFilterExtensions);
    if (!result.status.isSuccess()) {
      verdicts.set(info.name(), result.status);
      continue;
    }
    if (result.victims.length === 0) continue;
    candidates.push({ node: info.name(), victims: result.victims, pdbViolations: result.pdbViolations });
    if (result.pdbViolations === 0) clean++;
  }
  return { candidates, verdicts };
}
