// NodeResourcesBalancedAllocationArgs from pluginConfig (upstream's
// ValidateNodeResourcesBalancedAllocationArgs): the resources whose used fractions should
// be alike on a node — cpu and memory by default — each named once, each with weight 1
// (the score is a standard deviation: weights have no meaning there). Every problem is
// reported, each naming its field.

import { DEFAULT_RESOURCES } from './fit-args.js';
import type { ResourceSpec } from './scoring.js';

/** Thrown when NodeResourcesBalancedAllocation's pluginConfig args are invalid; the message lists every field at fault. */
export class BalancedArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'BalancedArgsError';
  }
}

export function balancedArgs(raw: Record<string, unknown> | undefined): readonly ResourceSpec[] {
  const list = raw?.resources;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) return DEFAULT_RESOURCES;
  if (!Array.isArray(list)) throw new BalancedArgsError(['resources: Invalid value: must be a list']);
  const errors: string[] = [];
  const seen = new Set<string>();
  const resources = list.map((r: { name?: unknown; weight?: unknown } | null, i): ResourceSpec => {
    const name = typeof r?.name === 'string' ? r.name : '';
    // Upstream's defaulting turns an unset or zero weight into 1.
    const weight = r?.weight === undefined || r.weight === null || r.weight === 0 ? 1 : r.weight;
    if (seen.has(name)) errors.push(`resources[${i}].name: Duplicate value: ${JSON.stringify(name)}`);
    seen.add(name);
    if (weight !== 1) errors.push(`resources[${i}].weight: Invalid value: ${JSON.stringify(weight)}: must be 1`);
    return { name, weight: 1 };
  });
  if (errors.length > 0) throw new BalancedArgsError(errors);
  return resources;
}
