// What one sync of a StatefulSet does to its pods (upstream's updateStatefulSet), as a pure
// plan the controller then carries out:
//
//   1. ordinals in range, lowest first: a failed pod is deleted (to be recreated), a missing
//      one is created; OrderedReady stops at the first pod created, terminating, or not
//      Running and Ready — web-1 is not created before web-0 is Ready.
//   2. condemned pods (ordinal beyond the range), highest first: deleted; OrderedReady
//      deletes one at a time and only while every pod is healthy.
//   3. RollingUpdate: outdated pods at or above the partition, highest first, deleted
//      (the next sync recreates them at the update revision) while no more than
//      maxUnavailable pods in range are unavailable. OnDelete leaves them.

import { getScaledValueFromIntOrPercent } from '../../machinery/int-or-string.js';
import { isPodAvailable } from '../base/pods.js';
import type { Pod } from '../../client/index.js';
import { revisionOf } from './identity.js';
import { isRunningAndReady } from './status.js';
import type { StatefulSet } from './types.js';

export type Action =
  | { readonly kind: 'create'; readonly ordinal: number }
  | { readonly kind: 'delete'; readonly pod: Pod; readonly why: 'failed' | 'condemned' | 'update' };

export interface PlanInput {
  readonly set: StatefulSet;
  /** Claimed pods by ordinal. */
  readonly pods: ReadonlyMap<number, Pod>;
  /** Name of the update revision. */
  readonly updateRevision: string;
  readonly now: number;
}

const terminating = (pod: Pod) => pod.metadata?.deletionTimestamp !== undefined;
const finished = (pod: Pod) => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';

export function replicaRange(set: StatefulSet): { start: number; end: number } {
  const start = set.spec?.ordinals?.start ?? 0;
  return { start, end: start + (set.spec?.replicas ?? 1) };
}

export function planStep(input: PlanInput): Action[] {
  const ordered = (input.set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const scaling = planReplicas(input, ordered);
  if (scaling.blocked) return scaling.actions;
  const condemned = planCondemned(input, ordered);
  if (condemned.blocked || scaling.actions.length > 0 || condemned.actions.length > 0) return [...scaling.actions, ...condemned.actions];
  return planUpdate(input);
}

interface Partial {
  readonly actions: Action[];
  /** OrderedReady must wait: nothing after this step may run in this sync. */
  readonly blocked: boolean;
}

function planReplicas(input: PlanInput, ordered: boolean): Partial {
  const { start, end } = replicaRange(input.set);
  const actions: Action[] = [];
  for (let ordinal = start; ordinal < end; ordinal++) {
    const pod = input.pods.get(ordinal);
    if (pod === undefined) {
      actions.push({ kind: 'create', ordinal });
      if (ordered) return { actions, blocked: true };
      continue;
    }
    if (finished(pod) && !terminating(pod)) {
      actions.push({ kind: 'delete', pod, why: 'failed' });
      if (ordered) return { actions, blocked: true };
      continue;
    }
    if (ordered && (terminating(pod) || !isRunningAndReady(pod))) return { actions, blocked: true };
  }
  return { actions, blocked: false };
}

function planCondemned(input: PlanInput, ordered: boolean): Partial {
  const { start, end } = replicaRange(input.set);
  const condemned = [...input.pods.entries()].filter(([ordinal]) => ordinal < start || ordinal >= end).sort(([a], [b]) => b - a);
  const actions: Action[] = [];
  const anyUnhealthy = [...input.pods.values()].some((p) => !terminating(p) && !isRunningAndReady(p));
  for (const [, pod] of condemned) {
    if (terminating(pod)) {
      if (ordered) return { actions, blocked: true };
      continue;
    }
    // OrderedReady removes a condemned pod only when it is the first unhealthy one or none is.
    if (ordered && anyUnhealthy && isRunningAndReady(pod)) return { actions, blocked: true };
    actions.push({ kind: 'delete', pod, why: 'condemned' });
    if (ordered) return { actions, blocked: true };
  }
  return { actions, blocked: false };
}

function planUpdate(input: PlanInput): Action[] {
  const strategy = input.set.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
  const { start, end } = replicaRange(input.set);
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  const replicas = end - start;
  const maxUnavailable = Math.max(1, getScaledValueFromIntOrPercent(strategy?.rollingUpdate?.maxUnavailable ?? 1, replicas, false));
  const minReady = input.set.spec?.minReadySeconds ?? 0;
  let unavailable = 0;
  for (let ordinal = start; ordinal < end; ordinal++) {
    const pod = input.pods.get(ordinal);
    if (pod === undefined || terminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, input.now)) unavailable++;
  }
  const actions: Action[] = [];
  for (let ordinal = end - 1; ordinal >= start + partition && unavailable < maxUnavailable; ordinal--) {
    const pod = input.pods.get(ordinal);
    if (pod === undefined || terminating(pod) || revisionOf(pod) === input.updateRevision) continue;
    actions.push({ kind: 'delete', pod, why: 'update' });
    if (isRunningAndReady(pod)) unavailable++;
  }
  return actions;
}
