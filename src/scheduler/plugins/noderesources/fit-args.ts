// NodeResourcesFitArgs from pluginConfig (upstream's ValidateNodeResourcesFitArgs): the
// scoring strategy (LeastAllocated, MostAllocated or RequestedToCapacityRatio with its
// shape), the resources it weighs and the resources whose shortage is ignored. Every
// problem is reported, each naming its field.

import { FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelName } from '../../../machinery/object-meta-validation.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { ResourceSpec } from './scoring.js';
import type { ShapePoint } from './requested-to-capacity-ratio.js';

export type StrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface FitArgs {
  readonly strategy: StrategyType;
  readonly resources: readonly ResourceSpec[];
  /** RequestedToCapacityRatio only: points with scores already scaled to 0..100. */
  readonly shape: readonly ShapePoint[];
  /** Resources whose shortage is ignored (upstream's ignoredResources). */
  readonly ignoredResources: readonly string[];
  /** Extended-resource groups (the part before `/`) whose resources' shortage is ignored. */
  readonly ignoredResourceGroups: readonly string[];
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** Upstream's MaxCustomPriorityScore: shape scores are given in 0..10. */
const MAX_SHAPE_SCORE = 10;
const TYPES: readonly StrategyType[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

/** Thrown when NodeResourcesFit's pluginConfig args are invalid; the message lists every field at fault. */
export class FitArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'FitArgsError';
  }
}

const isInt = (v: unknown): v is number => Number.isInteger(v);

function resourceList(raw: unknown, errors: string[]): ResourceSpec[] {
  if (raw === undefined) return [...DEFAULT_RESOURCES];
  if (!Array.isArray(raw)) {
    errors.push('scoringStrategy.resources: Invalid value: must be a list');
    return [];
  }
  return raw.map((r: { name?: unknown; weight?: unknown }, i) => {
    if (typeof r?.name !== 'string' || r.name === '') errors.push(`scoringStrategy.resources[${i}].name: Required value`);
    const weight = r?.weight ?? 1;
    if (!isInt(weight) || weight < 1 || weight > 100) errors.push(`scoringStrategy.resources[${i}].weight: Invalid value: ${JSON.stringify(weight)}: resource weight of ${String(r?.name)} not in valid range (0, 100]`);
    return { name: String(r?.name), weight: isInt(weight) ? weight : 1 };
  });
}

function shapeOf(raw: unknown, errors: string[]): ShapePoint[] {
  const field = 'scoringStrategy.requestedToCapacityRatio.shape';
  const points = (raw as { shape?: unknown } | undefined)?.shape;
  if (!Array.isArray(points) || points.length === 0) {
    errors.push(`${field}: Required value: at least one point must be specified`);
    return [];
  }
  return points.map((p: { utilization?: unknown; score?: unknown }, i) => {
    const { utilization, score } = p ?? {};
    if (!isInt(utilization) || utilization < 0 || utilization > 100) errors.push(`${field}[${i}].utilization: Invalid value: ${JSON.stringify(utilization)}: not in valid range [0, 100]`);
    else if (i > 0 && utilization <= ((points[i - 1] as { utilization?: number }).utilization ?? -1)) errors.push(`${field}[${i}].utilization: Invalid value: ${utilization}: utilization values must be sorted in increasing order`);
    if (!isInt(score) || score < 0 || score > MAX_SHAPE_SCORE) errors.push(`${field}[${i}].score: Invalid value: ${JSON.stringify(score)}: not in valid range [0, ${MAX_SHAPE_SCORE}]`);
    return { utilization: Number(utilization), score: Number(score) * (MAX_NODE_SCORE / MAX_SHAPE_SCORE) };
  });
}

/** A list of resource (group) names, each a qualified name as upstream checks them. */
function nameList(raw: unknown, field: string, errors: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((r) => typeof r === 'string')) {
    errors.push(`${field}: Invalid value: must be a list of resource names`);
    return [];
  }
  raw.forEach((name: string, i) => errors.push(...validateLabelName(name, FieldPath.root(field).index(i)).map((e) => e.message)));
  return raw as string[];
}

export function fitArgs(raw: Record<string, unknown> | undefined): FitArgs {
  const errors: string[] = [];
  const strategy = (raw?.scoringStrategy ?? {}) as { type?: unknown; resources?: unknown; requestedToCapacityRatio?: unknown };
  let type = (strategy.type ?? 'LeastAllocated') as StrategyType;
  if (!TYPES.includes(type)) {
    errors.push(`scoringStrategy.type: Unsupported value: "${String(type)}": supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`);
    type = 'LeastAllocated';
  }
  const resources = resourceList(strategy.resources, errors);
  const shape = type === 'RequestedToCapacityRatio' ? shapeOf(strategy.requestedToCapacityRatio, errors) : [];
  if (type !== 'RequestedToCapacityRatio' && strategy.requestedToCapacityRatio !== undefined && strategy.requestedToCapacityRatio !== null) {
    errors.push('scoringStrategy.requestedToCapacityRatio: Forbidden: must be nil when type is not RequestedToCapacityRatio');
  }
  const ignored = nameList(raw?.ignoredResources, 'ignoredResources', errors);
  const groups = nameList(raw?.ignoredResourceGroups, 'ignoredResourceGroups', errors);
  groups.forEach((g, i) => {
    if (g.includes('/')) errors.push(`ignoredResourceGroups[${i}]: Invalid value: ${JSON.stringify(g)}: resource group name can't contain '/'`);
  });
  if (errors.length > 0) throw new FitArgsError(errors);
  return { strategy: type, resources, shape, ignoredResources: ignored, ignoredResourceGroups: groups };
}
