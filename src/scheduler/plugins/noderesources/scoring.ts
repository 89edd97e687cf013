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

// The two loops below are the same but for one line: kept apart so that each stays a
// monomorphic hot loop (they run for every feasible node of every pod).
export const leastAllocated: Scorer = (requested, allocatable, resources) => {
  let total = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    const req = requested[i] ?? 0;
    total += (req > cap ? 0 : Math.trunc(((cap - req) * MAX_NODE_SCORE) / cap)) * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
};

export const mostAllocated: Scorer = (requested, allocatable, resources) => {
  let total = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) continue;
    total += Math.trunc((Math.min(requested[i] ?? 0, cap) * MAX_NODE_SCORE) / cap) * resources[i]!.weight;
    weights += resources[i]!.weight;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
};

/**
 * Requested (node plus pod) and allocatable for each resource, scored. `useRequested`
 * counts pods as they request (BalancedAllocation); otherwise cpu and memory use the
 * non-zero defaults (NodeResourcesFit), so that pods without requests still spread.
 */
export function resourceScore(node: NodeInfo, podRequest: ResourceList, resources: readonly ResourceSpec[], useRequested: boolean, scorer: Scorer): number {
  // Called for every feasible node of every pod: reuse two arrays of the right length
  // rather than allocate (scorers are synchronous and do not keep them).
  const [requested, allocatable] = scratchOf(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const name = resources[i]!.name;
    requested[i] = nodeRequested(node, name, useRequested) + (podRequest.get(name) ?? 0);
    allocatable[i] = name === 'cpu' ? node.allocatableCpu : name === 'memory' ? node.allocatableMemory : (node.allocatable.get(name) ?? 0);
  }
  return scorer(requested, allocatable, resources);
}

function nodeRequested(node: NodeInfo, name: string, useRequested: boolean): number {
  switch (name) {
    case 'cpu':
      return useRequested ? node.requestedCpu : node.nonZeroCpu;
    case 'memory':
      return useRequested ? node.requestedMemory : node.nonZeroMemory;
    default:
      return node.requested.get(name) ?? 0;
  }
}

/** Per length, a pair of arrays of exactly that length. */
const scratch: [number[], number[]][] = [];

function scratchOf(length: number): [number[], number[]] {
  return (scratch[length] ??= [new Array<number>(length).fill(0), new Array<number>(length).fill(0)]);
}
