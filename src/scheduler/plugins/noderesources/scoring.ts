// Resource-allocation scoring shared by NodeResourcesFit and BalancedAllocation
// (upstream's resource_allocation.go): what the node would have requested with the pod on
// it, per configured resource, turned into 0..100 by a strategy.

import type { NodeInfo } from '../../framework/node-info.js';
import type { ResourceList } from '../../framework/resources.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** Scores a node from per-resource requested and allocatable amounts. */
export type Scorer = (requested: readonly number[], allocatable: readonly number[], resources: readonly ResourceSpec[]) => number;

export const leastAllocated: Scorer = (requested, allocatable, resources) =>
  weighted(requested, allocatable, resources, (req, cap) => (req > cap ? 0 : Math.trunc(((cap - req) * MAX_NODE_SCORE) / cap)));

export const mostAllocated: Scorer = (requested, allocatable, resources) =>
  weighted(requested, allocatable, resources, (req, cap) => Math.trunc((Math.min(req, cap) * MAX_NODE_SCORE) / cap));

function weighted(requested: readonly number[], allocatable: readonly number[], resources: readonly ResourceSpec[], one: (req: number, cap: number) => number): number {
  let total = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    total += one(requested[i] ?? 0, cap) * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}

/**
 * Requested (node plus pod) and allocatable for each resource, scored. `useRequested`
 * counts pods as they request (BalancedAllocation); otherwise cpu and memory use the
 * non-zero defaults (NodeResourcesFit), so that pods without requests still spread.
 */
export function resourceScore(node: NodeInfo, podRequest: ResourceList, resources: readonly ResourceSpec[], useRequested: boolean, scorer: Scorer): number {
  const requested: number[] = [];
  const allocatable: number[] = [];
  for (const { name } of resources) {
    const nodeSide = !useRequested && (name === 'cpu' || name === 'memory') ? node.nonZeroRequested : node.requested;
    requested.push((nodeSide.get(name) ?? 0) + (podRequest.get(name) ?? 0));
    allocatable.push(node.allocatable.get(name) ?? 0);
  }
  return scorer(requested, allocatable, resources);
}
