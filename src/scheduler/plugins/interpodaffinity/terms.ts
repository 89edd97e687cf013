// Pod affinity terms: which pods a term selects (its label selector, in its namespaces —
// the owning pod's namespace when none are listed; an empty namespaceSelector means all).

import type { Pod } from '../../../client/index.js';
import { labelSelectorFromObject, type LabelSelector } from '../../../machinery/label-selector.js';
import type { PodAffinityTerm } from '../../framework/types.js';

export interface CompiledTerm {
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  /** undefined: every namespace. */
  readonly namespaces: ReadonlySet<string> | undefined;
}

/** Thrown when a term uses a non-empty namespaceSelector, which needs namespace labels kubets' scheduler does not watch yet. */
export class UnsupportedTermError extends Error {
  constructor() {
    super('pod affinity terms with a non-empty namespaceSelector are not supported yet');
    this.name = 'UnsupportedTermError';
  }
}

export function compileTerm(term: PodAffinityTerm, owner: Pod): CompiledTerm {
  const nsSelector = term.namespaceSelector;
  const selectsAll = nsSelector !== undefined && nsSelector !== null && Object.keys(nsSelector.matchLabels ?? {}).length === 0 && (nsSelector.matchExpressions ?? []).length === 0;
  if (nsSelector !== undefined && nsSelector !== null && !selectsAll) throw new UnsupportedTermError();
  const listed = term.namespaces ?? [];
  let namespaces: Set<string> | undefined;
  if (!selectsAll) namespaces = new Set(listed.length > 0 ? listed : [owner.metadata?.namespace ?? 'default']);
  return { topologyKey: term.topologyKey, selector: labelSelectorFromObject(term.labelSelector), namespaces };
}

export function termMatches(term: CompiledTerm, pod: Pod): boolean {
  if (term.namespaces !== undefined && !term.namespaces.has(pod.metadata?.namespace ?? 'default')) return false;
  return term.selector.matches(pod.metadata?.labels ?? {});
}
