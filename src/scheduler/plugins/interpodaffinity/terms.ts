// Pod affinity terms: which pods a term selects — its label selector, in its namespaces:
// those listed plus those whose labels its namespaceSelector matches (an empty selector:
// every namespace); with neither, the owning pod's namespace (upstream's AffinityTerm).

import type { Pod } from '../../../client/index.js';
import { labelSelectorFromObject, type LabelSelector } from '../../../machinery/label-selector.js';
import type { PodAffinityTerm } from '../../framework/types.js';

/** A namespace's labels, from the scheduler's namespace informer; undefined if not known. */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

export const NO_NAMESPACE_LABELS: NamespaceLabels = () => undefined;

export interface CompiledTerm {
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  /** Whether pods in `namespace` are in the term's scope. */
  inScope(namespace: string): boolean;
}

export function compileTerm(term: PodAffinityTerm, owner: Pod, namespaceLabels: NamespaceLabels = NO_NAMESPACE_LABELS): CompiledTerm {
  const nsSelector = term.namespaceSelector === undefined || term.namespaceSelector === null ? undefined : labelSelectorFromObject(term.namespaceSelector);
  const listed = new Set(term.namespaces ?? []);
  if (nsSelector === undefined && listed.size === 0) listed.add(owner.metadata?.namespace ?? 'default');
  let inScope: (namespace: string) => boolean;
  if (nsSelector === undefined) inScope = (ns) => listed.has(ns);
  else if (nsSelector.isEverything()) inScope = () => true;
  else {
    // Looked up once per namespace per term: terms are compiled per scheduling cycle.
    const seen = new Map<string, boolean>();
    inScope = (ns) => {
      if (listed.has(ns)) return true;
      let hit = seen.get(ns);
      if (hit === undefined) {
        const labels = namespaceLabels(ns);
        hit = labels !== undefined && nsSelector.matches(labels);
        seen.set(ns, hit);
      }
      return hit;
    };
  }
  return { topologyKey: term.topologyKey, selector: labelSelectorFromObject(term.labelSelector), inScope };
}

export function termMatches(term: CompiledTerm, pod: Pod): boolean {
  return term.inScope(pod.metadata?.namespace ?? 'default') && term.selector.matches(pod.metadata?.labels ?? {});
}
