// DefaultPreemption: when no node fits, find the node where evicting the fewest and least
// important lower-priority pods makes room, evict them (through the handle) and nominate
// that node. When no node can be helped, the verdicts per node become the "preemption:"
// part of the FailedScheduling message, with upstream's wording.

import type { Pod } from '../../../client/index.js';
import { Status } from '../../framework/status.js';
import type { Handle, NodeToStatus, PostFilterPlugin } from '../../framework/interfaces.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { fitErrorMessage } from '../../framework/fit-error.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podPriority, podSpec } from '../../framework/types.js';
import type { PodDisruptionBudget } from './pdb.js';
import { pickCandidate, selectVictimsOnNode, type Candidate } from './victims.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** What preemption needs from the scheduler beyond the plain handle. */
export interface PreemptionHandle extends Handle {
  runFilters(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /** Marks `victim` with DisruptionTarget, deletes it and records a Preempted event; does not wait. */
  evict(victim: Pod, preemptor: Pod, nodeName: string): void;
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

/** `pdbs` lists the PodDisruptionBudgets (the scheduler's informer cache). */
export function defaultPreemption(handle: PreemptionHandle, pdbs: () => readonly PodDisruptionBudget[] = () => []): PostFilterPlugin {
  return {
    name: NAME,
    postFilter(state, pod, statuses) {
      if (podSpec(pod).preemptionPolicy === 'Never') return { status: Status.unschedulable('preemption: not eligible due to preemptionPolicy=Never.') };
      if (waitingForVictims(pod, handle)) return { status: Status.unschedulable('preemption: not eligible due to a terminating pod on the nominated node.') };
      const all = handle.snapshot().nodes();
      const verdicts: NodeToStatus = new Map();
      const candidates: Candidate[] = [];
      const budgets = pdbs();
      for (const info of all) {
        const status = statuses.get(info.name());
        if (status === undefined || status.code === 'UnschedulableAndUnresolvable') continue;
        const dryRun = selectVictimsOnNode(state, pod, info, (s, p, n) => handle.runFilters(s, p, n), budgets);
        if (dryRun.status.isSuccess()) candidates.push({ node: info.name(), victims: dryRun.victims, pdbViolations: dryRun.pdbViolations });
        else verdicts.set(info.name(), dryRun.status);
      }
      const chosen = pickCandidate(candidates);
      if (chosen === undefined) {
        const message = fitErrorMessage(all.length, verdicts, Status.unresolvable(NOT_HELPFUL));
        return { status: Status.unschedulable(`preemption: ${message}`) };
      }
      for (const victim of chosen.victims) handle.evict(victim, pod, chosen.node);
      return { status: Status.success(), nominatedNodeName: chosen.node };
    },
  };
}
