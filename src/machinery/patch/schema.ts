// What strategic merge patch needs to know about a type: for each field, its patch
// strategy and merge key (upstream's `patchStrategy` and `patchMergeKey` struct tags,
// published as x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key in the
// OpenAPI document). Upstream's strategic merge reads nothing else: list types and
// list-map keys (x-kubernetes-list-type, x-kubernetes-list-map-keys) belong to
// server-side apply, so a list without a patch strategy is replaced whole even when it
// is a list-map.

import { PatchError } from './errors.js';

/**
 * The schema of one position in an object, as strategic merge patch sees it.
 * Implementations are read-only and may be shared between calls; the engine never
 * modifies them and asks only for positions the original and the patch both reach.
 */
export interface PatchSchema {
  /**
   * The schema of the member `name` at this position, with that member's patch strategy
   * and merge key. For a struct: its property `name`. For a map (additionalProperties):
   * the schema of its values, whatever `name` is. Undefined when unknown, which the
   * engine takes as "no strategy": maps under it merge key by key, lists are replaced.
   */
  field(name: string): PatchSchema | undefined;
  /** For a list: the schema of its elements (undefined when unknown). */
  elements(): PatchSchema | undefined;
  /**
   * The patch strategy of this member, as the tag spells it: 'merge', 'replace',
   * 'retainKeys', 'merge,retainKeys'; absent for none.
   */
  readonly patchStrategy?: string;
  /** For a list of objects merged with strategy 'merge': the key that identifies elements. */
  readonly patchMergeKey?: string;
}

/** The parts of a member's patch metadata that applying a patch uses. */
export interface PatchMeta {
  readonly schema: PatchSchema | undefined;
  /** 'merge', 'replace' or '' (retainKeys is set apart: applying honours `$retainKeys` wherever it is). */
  readonly strategy: string;
  readonly mergeKey: string;
}

/**
 * The metadata of member `name` of `schema`.
 * Throws PatchError when the strategy has more than two parts, or two without retainKeys.
 */
export function lookupPatchMeta(schema: PatchSchema | undefined, name: string): PatchMeta {
  const member = schema?.field(name);
  return {
    schema: member,
    strategy: mainStrategy(member?.patchStrategy ?? ''),
    mergeKey: member?.patchMergeKey ?? '',
  };
}

function mainStrategy(tag: string): string {
  const strategies = tag.split(',');
  const [first = '', second] = strategies;
  if (strategies.length === 1) return first === 'retainKeys' ? '' : first;
  if (strategies.length === 2 && first === 'retainKeys') return second ?? '';
  if (strategies.length === 2 && second === 'retainKeys') return first;
  throw new PatchError('Unclassified', `unexpected patch strategy: [${strategies.join(' ')}]`);
}
