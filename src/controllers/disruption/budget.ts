// The pure arithmetic of a PodDisruptionBudget's status (upstream's disruption controller:
// getExpectedPodCount, buildDisruptedPodMap, countHealthyPods, updatePdbStatus).

import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { KubeObject, ObjectMeta } from '../../machinery/meta.js';
import { formatTime, parseTime } from '../../machinery/time.js';
import type { Pod } from '../../client/index.js';
import { isPodReady } from '../base/pods.js';

export const PODDISRUPTIONBUDGETS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' } as const;

/** Upstream's DeletionTimeout: an eviction not followed by the pod's deletion within this is forgotten. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export interface BudgetCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface BudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: BudgetCondition[];
}

export interface PodDisruptionBudget extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelectorObject | null;
    unhealthyPodEvictionPolicy?: string;
  };
  status?: BudgetStatus;
}

/** Thrown when minAvailable or maxUnavailable is neither an int nor a percentage. */
export class InvalidIntOrPercentError extends Error {
  constructor(readonly value: string) {
    super(`invalid value for IntOrString: invalid value "${value}": must be an int or a percentage`);
    this.name = 'InvalidIntOrPercentError';
  }
}

export function isPercent(value: number | string | undefined): value is string {
  return typeof value === 'string' && !/^\d+$/.test(value);
}

/** Upstream's GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` rounded up or down. */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(\d+)%$/.exec(value);
  if (match === null) throw new InvalidIntOrPercentError(value);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * Expected and desired healthy pods. `expectedScale` (the sum of the pods' controllers'
 * scales) is only asked for when a percentage or maxUnavailable needs it.
 */
export function expectedCounts(budget: PodDisruptionBudget, podCount: number, expectedScale: () => number): { expected: number; desiredHealthy: number } {
  const spec = budget.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    const expected = expectedScale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, expected, true);
    return { expected, desiredHealthy: Math.max(0, expected - maxUnavailable) };
  }
  if (spec.minAvailable !== undefined) {
    if (!isPercent(spec.minAvailable)) return { expected: podCount, desiredHealthy: scaledValue(spec.minAvailable, podCount, true) };
    const expected = expectedScale();
    return { expected, desiredHealthy: scaledValue(spec.minAvailable, expected, true) };
  }
  return { expected: 0, desiredHealthy: 0 };
}

/**
 * The disruptions still pending (evicted pods not yet being deleted, within the timeout),
 * and when the earliest of them expires.
 */
export function pendingDisruptions(pods: readonly Pod[], recorded: Record<string, string>, now: number): { disrupted: Record<string, string>; recheckAt?: number } {
  const disrupted: Record<string, string> = {};
  let recheckAt: number | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    const name = pod.metadata?.name ?? '';
    const at = recorded[name];
    if (at === undefined) continue;
    const expires = parseTime(at) + DELETION_TIMEOUT_MS;
    if (expires < now) continue;
    disrupted[name] = at;
    recheckAt = recheckAt === undefined ? expires : Math.min(recheckAt, expires);
  }
  return { disrupted, recheckAt };
}

/** Ready pods not being deleted and not counted as disrupted. */
export function countHealthy(pods: readonly Pod[], disrupted: Record<string, string>): number {
  return pods.filter((pod) => pod.metadata?.deletionTimestamp === undefined && disrupted[pod.metadata?.name ?? ''] === undefined && isPodReady(pod)).length;
}

/** The status for these numbers, keeping the condition's transition time when it did not change. */
export function budgetStatus(
  budget: PodDisruptionBudget,
  numbers: { currentHealthy: number; desiredHealthy: number; expected: number; disrupted: Record<string, string> },
  now: number,
): BudgetStatus {
  let allowed = numbers.currentHealthy - numbers.desiredHealthy;
  if (numbers.expected <= 0 || allowed <= 0) allowed = 0;
  const condition: BudgetCondition =
    allowed > 0
      ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '' }
      : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '' };
  return {
    observedGeneration: budget.metadata?.generation,
    disruptedPods: Object.keys(numbers.disrupted).length > 0 ? numbers.disrupted : undefined,
    disruptionsAllowed: allowed,
    currentHealthy: numbers.currentHealthy,
    desiredHealthy: numbers.desiredHealthy,
    expectedPods: numbers.expected,
    conditions: withCondition(budget, condition, now),
  };
}

/** The status of a budget whose sync failed: no disruption allowed (upstream's failSafe). */
export function failSafeStatus(budget: PodDisruptionBudget, message: string, now: number): BudgetStatus {
  const status = budget.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  const condition: BudgetCondition = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message };
  return { ...status, observedGeneration: budget.metadata?.generation, disruptionsAllowed: 0, conditions: withCondition(budget, condition, now) };
}

function withCondition(budget: PodDisruptionBudget, condition: BudgetCondition, now: number): BudgetCondition[] {
  const conditions = budget.status?.conditions ?? [];
  const previous = conditions.find((c) => c.type === condition.type);
  const since = previous?.status === condition.status && previous.lastTransitionTime !== undefined ? previous.lastTransitionTime : formatTime(now);
  const next = { ...condition, observedGeneration: budget.metadata?.generation, lastTransitionTime: since };
  return [...conditions.filter((c) => c.type !== condition.type), next];
}
