// Scaling a Deployment whose replicas changed (upstream's DeploymentController.scale with
// deployment/util's FindActiveOrLatest, IsSaturated and GetProportion). Pure: it answers which
// size each ReplicaSet should have; the controller writes them.
//
//   one active ReplicaSet (or none: the newest) ─▶ it takes all of spec.replicas
//   new ReplicaSet saturated                    ─▶ every active old one goes to 0
//   RollingUpdate, several active               ─▶ the difference to replicas + maxSurge is shared
//       in proportion to each one's size against the max-replicas it was last sized for;
//       largest first (ties: newest first when growing, oldest first when shrinking); what
//       rounding leaves over goes to the first one.

import type { ReplicaSet } from '../replicaset/types.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, type Deployment } from './types.js';

/** One ReplicaSet and the size the controller should give it. */
export interface ScaleTarget {
  readonly rs: ReplicaSet;
  readonly replicas: number;
}

const sizeOf = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;
const active = (sets: readonly ReplicaSet[]) => sets.filter((rs) => sizeOf(rs) > 0);

/** Older first; equal timestamps by name (upstream's ReplicaSetsByCreationTimestamp). */
function olderFirst(a: ReplicaSet, b: ReplicaSet): number {
  return (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/** An integer annotation, or undefined when absent or not an integer. */
function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const raw = rs.metadata?.annotations?.[key];
  if (raw === undefined || !/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** Whether some active ReplicaSet was sized for another spec.replicas (upstream's isScalingEvent). */
export function isScalingEvent(d: Deployment, sets: readonly ReplicaSet[]): boolean {
  const desired = d.spec?.replicas ?? 1;
  return active(sets).some((rs) => {
    const annotated = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return annotated !== undefined && annotated !== desired;
  });
}

/** The only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function activeOrLatest(newRS: ReplicaSet | undefined, old: readonly ReplicaSet[]): ReplicaSet | undefined {
  const newestFirst = [...old].sort((a, b) => olderFirst(b, a));
  const all = active([...newestFirst, ...(newRS === undefined ? [] : [newRS])]);
  if (all.length === 1) return all[0];
  if (all.length === 0) return newRS ?? newestFirst[0];
  return undefined;
}

/** The new ReplicaSet has every desired pod, sized for the current replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = d.spec?.replicas ?? 1;
  return sizeOf(rs) === desired && intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION) === desired && (rs.status?.availableReplicas ?? 0) === desired;
}

/**
 * How many replicas `rs` should gain (negative: lose) so that it keeps its share of the
 * Deployment's replicas + maxSurge (upstream's getReplicaSetFraction). Its share is measured
 * against the max-replicas annotation, or the Deployment's status.replicas without one; with
 * neither it stays as it is.
 */
export function replicaSetFraction(d: Deployment, rs: ReplicaSet, surge: number): number {
  const desired = d.spec?.replicas ?? 1;
  if (desired === 0) return -sizeOf(rs);
  let sizedFor = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (sizedFor === 0) sizedFor = d.status?.replicas ?? 0;
  if (sizedFor === 0) return 0;
  return roundHalfAway((sizeOf(rs) * (desired + surge)) / sizedFor) - sizeOf(rs);
}

/**
 * The part of `toAdd` that `rs` takes when `added` is already handed out (upstream's
 * GetProportion): its fraction, never beyond what is left to hand out.
 */
export function proportion(d: Deployment, rs: ReplicaSet, surge: number, toAdd: number, added: number): number {
  if (sizeOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(d, rs, surge);
  const left = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
}

/**
 * The sizes to write when the Deployment's replicas changed or it is paused (upstream's
 * `scale`). `surge` is the resolved maxSurge (0 for Recreate). Returns the ReplicaSets to
 * write, in writing order; empty when nothing needs to change.
 */
export function planScale(d: Deployment, newRS: ReplicaSet | undefined, old: readonly ReplicaSet[], surge: number): ScaleTarget[] {
  const desired = d.spec?.replicas ?? 1;
  const only = activeOrLatest(newRS, old);
  if (only !== undefined) return sizeOf(only) === desired ? [] : [{ rs: only, replicas: desired }];
  if (isSaturated(d, newRS)) return active(old).map((rs) => ({ rs, replicas: 0 }));
  if (d.spec?.strategy?.type === 'Recreate') return [];
  return shareProportionally(d, active([...old, ...(newRS === undefined ? [] : [newRS])]), surge);
}

function shareProportionally(d: Deployment, sets: ReplicaSet[], surge: number): ScaleTarget[] {
  const desired = d.spec?.replicas ?? 1;
  const allowed = desired > 0 ? desired + surge : 0;
  const toAdd = allowed - sets.reduce((n, rs) => n + sizeOf(rs), 0);
  // Equal sizes: grow the newer first, shrink the older first.
  const ordered = [...sets].sort((a, b) => sizeOf(b) - sizeOf(a) || (toAdd > 0 ? olderFirst(b, a) : olderFirst(a, b)));
  let added = 0;
  const sizes = ordered.map((rs) => {
    const share = proportion(d, rs, surge, toAdd, added);
    added += share;
    return sizeOf(rs) + share;
  });
  // Rounding may leave some over (or short): the first, largest, takes it.
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return ordered.map((rs, i) => ({ rs, replicas: sizes[i]! }));
}
