// PodTopologySpreadArgs from pluginConfig (upstream's ValidatePodTopologySpreadArgs):
// `defaultingType` System (the default; upstream's built-in constraints) or List (the
// `defaultConstraints` given, which must not carry selectors: they are deduced per pod).
// Every problem is reported, each naming its field.

import type { TopologySpreadConstraint } from '../../framework/types.js';
import { SYSTEM_DEFAULT_CONSTRAINTS } from './defaults.js';

export interface SpreadArgs {
  readonly defaultingType: 'System' | 'List';
  /** The constraints pods without their own get. */
  readonly defaults: readonly TopologySpreadConstraint[];
}

/** Thrown when PodTopologySpread's pluginConfig args are invalid; the message lists every field at fault. */
export class SpreadArgsError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
    this.name = 'SpreadArgsError';
  }
}

const WHEN = ['DoNotSchedule', 'ScheduleAnyway'];

function constraint(raw: Record<string, unknown>, field: string, errors: string[]): TopologySpreadConstraint {
  const { maxSkew, topologyKey, whenUnsatisfiable } = raw;
  if (!Number.isInteger(maxSkew) || (maxSkew as number) <= 0) errors.push(`${field}.maxSkew: Invalid value: ${JSON.stringify(maxSkew)}: must be greater than zero`);
  if (typeof topologyKey !== 'string' || topologyKey === '') errors.push(`${field}.topologyKey: Required value: can not be empty`);
  if (!WHEN.includes(whenUnsatisfiable as string)) errors.push(`${field}.whenUnsatisfiable: Unsupported value: ${JSON.stringify(whenUnsatisfiable)}: supported values: "DoNotSchedule", "ScheduleAnyway"`);
  if (raw.labelSelector !== undefined) errors.push(`${field}.labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod`);
  return { maxSkew: maxSkew as number, topologyKey: topologyKey as string, whenUnsatisfiable: whenUnsatisfiable as TopologySpreadConstraint['whenUnsatisfiable'] };
}

export function spreadArgs(raw: Record<string, unknown> | undefined): SpreadArgs {
  const errors: string[] = [];
  const type = raw?.defaultingType ?? 'System';
  if (type !== 'System' && type !== 'List') errors.push(`defaultingType: Unsupported value: ${JSON.stringify(type)}: supported values: "List", "System"`);
  const list = raw?.defaultConstraints ?? [];
  const defaults: TopologySpreadConstraint[] = [];
  if (!Array.isArray(list)) errors.push('defaultConstraints: Invalid value: must be a list');
  else {
    const seen = new Set<string>();
    list.forEach((c: unknown, i) => {
      const field = `defaultConstraints[${i}]`;
      if (typeof c !== 'object' || c === null) {
        errors.push(`${field}: Invalid value: must be an object`);
        return;
      }
      const parsed = constraint(c as Record<string, unknown>, field, errors);
      const key = `${parsed.topologyKey}/${parsed.whenUnsatisfiable}`;
      if (seen.has(key)) errors.push(`${field}.{topologyKey, whenUnsatisfiable}: Duplicate value: {${JSON.stringify(parsed.topologyKey)}, ${JSON.stringify(parsed.whenUnsatisfiable)}}`);
      seen.add(key);
      defaults.push(parsed);
    });
  }
  if (type === 'System' && defaults.length > 0) errors.push('defaultingType: Invalid value: "System": when .defaultConstraints are not empty');
  if (errors.length > 0) throw new SpreadArgsError(errors);
  return type === 'System' ? { defaultingType: 'System', defaults: SYSTEM_DEFAULT_CONSTRAINTS } : { defaultingType: 'List', defaults };
}
