// Where a path's parameters are written. Like upstream's builder, a parameter every
// operation of a path takes is written once on the path; the rest stay on their
// operations. Both lists are ordered by name, then location.

import type { OperationSpec } from './operations.js';
import type { Parameter } from './parameters.js';

export interface PlacedParameters {
  /** Shared by every operation of the path. */
  readonly path: Parameter[];
  /** The remaining parameters of each operation, in the order of `operations`. */
  readonly byOperation: Parameter[][];
}

export function placeParameters(operations: readonly OperationSpec[]): PlacedParameters {
  const key = (p: Parameter): string => `${p.in}:${p.name}`;
  const [first, ...rest] = operations;
  const shared = (first?.parameters ?? []).filter((p) => rest.every((op) => op.parameters.some((q) => key(q) === key(p))));
  const sharedKeys = new Set(shared.map(key));
  return {
    path: sorted(shared),
    byOperation: operations.map((op) => sorted(op.parameters.filter((p) => !sharedKeys.has(key(p))))),
  };
}

/** By name, then location (`path` before `query`). */
function compareParameters(a: { name: string; in: string }, b: { name: string; in: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.in < b.in ? -1 : a.in > b.in ? 1 : 0;
}

function sorted(parameters: readonly Parameter[]): Parameter[] {
  return [...parameters].sort(compareParameters);
}
