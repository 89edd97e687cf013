// Read access to an informer's cache by name and label selector (client-go's generated
// listers, generic): `lister.namespace('default').get('web-1')`, `lister.list('app=web')`.
// Results are the cached objects themselves: callers must not mutate them.

import { parseLabelSelector } from '../../machinery/label-selector-parser.js';
import type { LabelSelector } from '../../machinery/label-selector.js';
import { namespacedKey, type KubeObject } from '../../machinery/meta.js';
import { NAMESPACE_INDEX } from './indexers.js';
import type { IndexedStore } from './store.js';

export type SelectorInput = LabelSelector | string | undefined;

function toSelector(selector: SelectorInput): LabelSelector | undefined {
  if (selector === undefined || selector === '') return undefined;
  return typeof selector === 'string' ? parseLabelSelector(selector) : selector;
}

function filter<T extends KubeObject>(objects: T[], selector: SelectorInput): T[] {
  const s = toSelector(selector);
  if (s === undefined || s.isEverything()) return objects;
  return objects.filter((obj) => s.matches(obj.metadata?.labels));
}

/** Lists and gets across all namespaces (or of a cluster-scoped resource). */
export class Lister<T extends KubeObject> {
  constructor(private readonly store: IndexedStore<T>) {}

  /** Every cached object matching the label selector (all without one). */
  list(selector?: SelectorInput): T[] {
    return filter(this.store.list(), selector);
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.store.getByKey(name);
  }

  namespace(namespace: string): NamespaceLister<T> {
    return new NamespaceLister(this.store, namespace);
  }
}

/** Lists and gets within one namespace; uses the namespace index when the store has it. */
export class NamespaceLister<T extends KubeObject> {
  constructor(
    private readonly store: IndexedStore<T>,
    private readonly ns: string,
  ) {}

  list(selector?: SelectorInput): T[] {
    const inNamespace = this.store.hasIndex(NAMESPACE_INDEX)
      ? this.store.byIndex(NAMESPACE_INDEX, this.ns)
      : this.store.list().filter((obj) => (obj.metadata?.namespace ?? '') === this.ns);
    return filter(inNamespace, selector);
  }

  get(name: string): T | undefined {
    return this.store.getByKey(namespacedKey(this.ns, name));
  }
}
