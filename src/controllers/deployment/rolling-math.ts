// The numbers of a rolling update (upstream's deployment/util): how far maxSurge and
// maxUnavailable reach, how many pods the new ReplicaSet may have, and how many old pods
// may go. Pure functions, so that the controller only applies their answers.

import type { IntOrString } from './types.js';

/** Thrown when maxSurge or maxUnavailable is neither an integer nor a percentage. */
export class InvalidIntOrPercentError extends Error {
  constructor(readonly value: IntOrString) {
    super(`invalid value for IntOrString: ${JSON.stringify(value)}`);
    this.name = 'InvalidIntOrPercentError';
  }
}

/** An int-or-percent scaled against `total`, rounding up or down (upstream's GetScaledValueFromIntOrPercent). */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean, defaultValue: IntOrString): number {
  const v = value ?? defaultValue;
  if (typeof v === 'number') return v;
  const match = /^(\d+)%$/.exec(v);
  if (match === null) throw new InvalidIntOrPercentError(v);
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * maxSurge (rounded up) and maxUnavailable (rounded down) for `replicas`; both 0 becomes
 * maxUnavailable 1, as upstream's ResolveFenceposts, so that a rollout can always proceed.
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, replicas: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, replicas, true, '25%');
  let unavailable = scaledValue(maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** The replicas the new ReplicaSet should have now (upstream's NewRSNewReplicas for RollingUpdate). */
export function newReplicaSetReplicas(desired: number, surge: number, currentPods: number, newReplicas: number): number {
  const maxTotal = desired + surge;
  if (currentPods >= maxTotal) return newReplicas;
  const scaleUp = Math.min(maxTotal - currentPods, desired - newReplicas);
  return newReplicas + Math.max(0, scaleUp);
}

/** How many old pods may be removed now (upstream's reconcileOldReplicaSets, maxScaledDown). */
export function maxScaledDown(allPods: number, desired: number, unavailable: number, newReplicas: number, newAvailable: number): number {
  const minAvailable = desired - unavailable;
  const newUnavailable = newReplicas - newAvailable;
  return allPods - minAvailable - newUnavailable;
}
