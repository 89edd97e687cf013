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

// Pods are immutable once the informer has them, so a term (an object inside one pod) can
// be compiled once: every cycle compiles the terms of every pod with anti-affinity, and
// parsing their selectors again dominated scheduling such pods. Terms with a
// namespaceSelector depend on namespace labels, which change: only their selectors are kept.
const compiledTerms = new WeakMap<PodAffinityTerm, { readonly ownerNamespace: string; readonly compiled: CompiledTerm }>();
const parsedSelectors = new WeakMap<object, LabelSelector>();

function selectorOf(selector: PodAffinityTerm['labelSelector']): LabelSelector {
  if (typeof selector !== 'object' || selector === null) return labelSelectorFromObject(selector);
  let parsed = parsedSelectors.get(selector);
  if (parsed === undefined) {
    parsed = labelSelectorFromObject(selector);
    parsedSelectors.set(selector, parsed);
  }
  return parsed;
}

export function compileTerm(term: PodAffinityTerm, owner: Pod, namespaceLabels: NamespaceLabels = NO_NAMESPACE_LABELS): CompiledTerm {
  const cacheable = term.namespaceSelector === undefined || term.namespaceSelector === null;
  // Keyed by the owner's namespace too, in case one term object is shared by pods (copies).
  const ownerNamespace = owner.metadata?.namespace ?? 'default';
  const cached = cacheable ? compiledTerms.get(term) : undefined;
  if (cached !== undefined && cached.ownerNamespace === ownerNamespace) return cached.compiled;
  const compiled = compileFresh(term, owner, namespaceLabels);
  if (cacheable) compiledTerms.set(term, { ownerNamespace, compiled });
  return compiled;
}

function compileFresh(term: PodAffinityTerm, owner: Pod, namespaceLabels: NamespaceLabels): CompiledTerm {
  const nsSelector = term.namespaceSelector === undefined || term.namespaceSelector === null ? undefined : selectorOf(term.namespaceSelector);
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
  return { topologyKey: term.topologyKey, selector: selectorOf(term.labelSelector), inScope };
}

export function termMatches(term: CompiledTerm, pod: Pod): boolean {
  return term.inScope(pod.metadata?.namespace ?? 'default') && term.selector.matches(pod.metadata?.labels ?? {});
}
