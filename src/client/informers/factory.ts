// The shared informer factory (client-go's SharedInformerFactory): components ask it for
// the informer of a resource and get the same one every time, so that the scheduler and
// three controllers interested in pods hold one cache and one watch between them.

import type { KubeObject } from '../../machinery/meta.js';
import type { GroupVersionResource } from '../../machinery/schema.js';
import type { Client } from '../client.js';
import { NODES, PODS } from '../resources.js';
import type { Node, Pod } from '../types/core.js';
import { NODE_NAME_INDEX, nodeNameIndexFunc } from './indexers.js';
import { SharedInformer, type InformerOptions } from './shared-informer.js';
import type { Indexers } from './store.js';

export interface FactoryOptions extends Omit<InformerOptions<KubeObject>, 'indexers'> {
  /** Watch one namespace only; default all. */
  readonly namespace?: string;
}

/**
 * Hands out one shared informer per resource.
 * Contract: informerFor(gvr) returns the same informer for the same resource; start()
 * runs every informer handed out so far (and later ones are run by the next start());
 * shutdown() stops them all and resolves when every watch is closed.
 */
export class InformerFactory {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private started = false;

  constructor(
    private readonly client: Client,
    private readonly options: FactoryOptions = {},
  ) {}

  /** The informer of `gvr`; `indexers` not yet present are added to it. */
  informerFor<T extends KubeObject>(gvr: GroupVersionResource, indexers: Indexers<T> = {}): SharedInformer<T> {
    const key = `${gvr.group}/${gvr.version}/${gvr.resource}`;
    let informer = this.informers.get(key) as SharedInformer<T> | undefined;
    if (informer === undefined) {
      let resource = this.client.resource<T>(gvr);
      if (this.options.namespace !== undefined) resource = resource.namespace(this.options.namespace);
      informer = new SharedInformer<T>(resource, { ...this.options, indexers });
      this.informers.set(key, informer as unknown as SharedInformer<KubeObject>);
    } else {
      const missing = Object.fromEntries(Object.entries(indexers).filter(([name]) => !informer!.store.hasIndex(name)));
      informer.addIndexers(missing);
    }
    return informer;
  }

  /** Pods, indexed by node name as well. */
  pods(): SharedInformer<Pod> {
    return this.informerFor<Pod>(PODS, { [NODE_NAME_INDEX]: nodeNameIndexFunc });
  }

  nodes(): SharedInformer<Node> {
    return this.informerFor<Node>(NODES);
  }

  /** Runs every informer handed out so far. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.run();
  }

  /** Whether start() was called. */
  isStarted(): boolean {
    return this.started;
  }

  /** Resolves true when every informer handed out so far has synced; false if one stopped first. */
  async waitForCacheSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((informer) => informer.waitForSync(signal)));
    return results.every(Boolean);
  }

  /** Stops every informer and waits for them. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.informers.values()].map((informer) => informer.stop()));
  }
}
