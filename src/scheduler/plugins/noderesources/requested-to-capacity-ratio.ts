// The RequestedToCapacityRatio scoring strategy of NodeResourcesFit (upstream's
// requested_to_capacity_ratio.go): each resource's utilization with the pod on the node
// (0..100) is mapped through a piecewise-linear shape, and the results are averaged by
// resource weight — counting only resources that score above zero — and rounded.

import type { ResourceSpec, Scorer } from './scoring.js';

/** A point of the shape: at `utilization` percent the score is `score` (0..100). */
export interface ShapePoint {
  readonly utilization: number;
  readonly score: number;
}

const MAX_UTILIZATION = 100;

/** Integer interpolation between the points; flat before the first and after the last. */
export function brokenLinear(shape: readonly ShapePoint[]): (utilization: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const point = shape[i]!;
      if (p > point.utilization) continue;
      if (i === 0) return point.score;
      const prev = shape[i - 1]!;
      return prev.score + Math.trunc(((point.score - prev.score) * (p - prev.utilization)) / (point.utilization - prev.utilization));
    }
    return shape[shape.length - 1]?.score ?? 0;
  };
}

export function requestedToCapacityRatio(shape: readonly ShapePoint[]): Scorer {
  const raw = brokenLinear(shape);
  const perResource = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity ? raw(MAX_UTILIZATION) : raw(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  return (requested: readonly number[], allocatable: readonly number[], resources: readonly ResourceSpec[]) => {
    let score = 0;
    let weights = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] ?? 0;
      if (cap === 0) continue;
      const s = perResource(requested[i] ?? 0, cap);
      if (s <= 0) continue;
      score += s * resources[i]!.weight;
      weights += resources[i]!.weight;
    }
    return weights === 0 ? 0 : Math.round(score / weights);
  };
}
