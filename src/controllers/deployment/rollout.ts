// One step of a rollout (upstream's rolloutRolling and rolloutRecreate). Each step makes at
// most one kind of change — create/scale up the new ReplicaSet, or scale old ones down —
// and then returns, so that the next step sees the effect through the informers.
//
// RollingUpdate: new RS up to desired + maxSurge pods in all ─▶ old RSs down, first their
//   unavailable pods, then while available pods stay ≥ desired − maxUnavailable.
// Recreate: old RSs to 0 ─▶ wait until their pods are gone ─▶ new RS at desired.
// Paused, or replicas changed: sizes only (scaleStep).

import type { Pod } from '../../client/index.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { planScale } from './proportional-scale.js';
import { maxScaledDown, newReplicaSetReplicas } from './rolling-math.js';
import { revisionOf, type ReplicaSetWriter } from './replica-sets.js';
import type { ProgressingHint } from './status.js';
import type { Deployment } from './types.js';

export interface RolloutState {
  readonly d: Deployment;
  /** The ReplicaSet of the current template, if it exists yet. */
  newRS: ReplicaSet | undefined;
  /** Every other ReplicaSet the Deployment owns, oldest first. */
  old: ReplicaSet[];
  readonly surge: number;
  readonly unavailable: number;
  readonly writer: ReplicaSetWriter;
  hint?: ProgressingHint;
}

const specReplicas = (sets: readonly ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
const desiredOf = (d: Deployment) => d.spec?.replicas ?? 1;

/** Creates the new ReplicaSet with `replicas`, or brings an existing one to the next revision. */
async function ensureNewReplicaSet(state: RolloutState, replicas: number): Promise<ReplicaSet> {
  const nextRevision = Math.max(0, ...state.old.map(revisionOf)) + 1;
  if (state.newRS === undefined) {
    const created = await state.writer.create(state.d, replicas, nextRevision, state.surge);
    state.hint = { reason: 'NewReplicaSetCreated', message: `Created new replica set "${created.metadata?.name ?? ''}"` };
    return created;
  }
  // An old template coming back (a rollback) becomes the newest revision again.
  const revision = revisionOf(state.newRS) < nextRevision ? nextRevision : undefined;
  return state.writer.scale(state.d, state.newRS, state.newRS.spec?.replicas ?? 0, state.surge, revision);
}

export async function rollingStep(state: RolloutState): Promise<void> {
  const desired = desiredOf(state.d);
  if (state.newRS === undefined) {
    state.newRS = await ensureNewReplicaSet(state, newReplicaSetReplicas(desired, state.surge, specReplicas(state.old), 0));
    return;
  }
  state.newRS = await ensureNewReplicaSet(state, 0);
  const current = state.newRS.spec?.replicas ?? 0;
  if (current > desired) {
    state.newRS = await state.writer.scale(state.d, state.newRS, desired, state.surge);
    return;
  }
  const target = newReplicaSetReplicas(desired, state.surge, specReplicas([...state.old, state.newRS]), current);
  if (target !== current) {
    state.newRS = await state.writer.scale(state.d, state.newRS, target, state.surge);
    return;
  }
  await scaleDownOld(state);
}

async function scaleDownOld(state: RolloutState): Promise<void> {
  const newRS = state.newRS!;
  if (specReplicas(state.old) === 0) return;
  const desired = desiredOf(state.d);
  let budget = maxScaledDown(specReplicas([...state.old, newRS]), desired, state.unavailable, newRS.spec?.replicas ?? 0, newRS.status?.availableReplicas ?? 0);
  if (budget <= 0) return;
  // Unavailable old pods go first: removing them costs no availability.
  for (const [i, rs] of state.old.entries()) {
    const replicas = rs.spec?.replicas ?? 0;
    const unhealthy = replicas - (rs.status?.availableReplicas ?? 0);
    if (budget <= 0 || replicas === 0 || unhealthy <= 0) continue;
    const down = Math.min(budget, unhealthy);
    state.old[i] = await state.writer.scale(state.d, rs, replicas - down, state.surge);
    budget -= down;
  }
  const minAvailable = desired - state.unavailable;
  const available = [...state.old, newRS].reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  let more = available - minAvailable;
  for (const [i, rs] of state.old.entries()) {
    const replicas = rs.spec?.replicas ?? 0;
    if (more <= 0) break;
    if (replicas === 0) continue;
    const down = Math.min(replicas, more);
    state.old[i] = await state.writer.scale(state.d, rs, replicas - down, state.surge);
    more -= down;
  }
}

/** `oldPods`: the pods, active or terminating, that old ReplicaSets still own. */
export async function recreateStep(state: RolloutState, oldPods: readonly Pod[]): Promise<void> {
  if (specReplicas(state.old) > 0) {
    for (const [i, rs] of state.old.entries()) if ((rs.spec?.replicas ?? 0) > 0) state.old[i] = await state.writer.scale(state.d, rs, 0, state.surge);
    return;
  }
  if (oldPods.length > 0) return;
  const desired = desiredOf(state.d);
  state.newRS = await ensureNewReplicaSet(state, desired);
  if ((state.newRS.spec?.replicas ?? 0) !== desired) state.newRS = await state.writer.scale(state.d, state.newRS, desired, state.surge);
}

/**
 * Paused, or the Deployment's replicas changed: no rollout step, only sizes (upstream's
 * `sync`): the only active ReplicaSet takes every replica, or several share the change in
 * proportion (proportional-scale.ts).
 */
export async function scaleStep(state: RolloutState): Promise<void> {
  for (const { rs, replicas } of planScale(state.d, state.newRS, state.old, state.surge)) {
    const written = await state.writer.scale(state.d, rs, replicas, state.surge);
    if (rs === state.newRS) state.newRS = written;
    else state.old = state.old.map((x) => (x === rs ? written : x));
  }
}
