// The registry: one GenericStore per stored resource, and one Endpoint per served
// group/version/resource. Several endpoints may share a store (HorizontalPodAutoscaler in
// autoscaling/v1 and v2, Event in v1 and events.k8s.io/v1); each converts between its
// version and the storage version.

import { allResources, type ResourceInfo } from '../../api/catalogue.js';
import { strategyFor } from '../../api/strategies.js';
import { conversionFor, type Conversion } from '../../api/conversion.js';
import { storageOf } from '../../api/storage-versions.js';
import type { FieldError } from '../../machinery/field-errors.js';
import type { Store } from '../../storage/store.js';
import type { KubeObject } from '../object.js';
import { CacheHub } from './cache-hub.js';
import { GenericStore, type NamespaceState } from './generic-store.js';

/** A served group/version/resource. */
export interface Endpoint {
  readonly info: ResourceInfo;
  /** Undefined for resources that are not stored (reviews, bindings, …). */
  readonly store: GenericStore | undefined;
  readonly conversion: Conversion;
}

export interface RegistryOptions {
  readonly store: Store;
  readonly validateSchema: (info: ResourceInfo, obj: KubeObject) => FieldError[];
  readonly log?: (message: string) => void;
  /** False only in tests that store upstream's random testdata (see StoreDeps.kindValidation). */
  readonly kindValidation?: boolean;
}

export class Registry {
  readonly hub: CacheHub;
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly stores = new Map<string, GenericStore>();

  constructor(options: RegistryOptions) {
    this.hub = new CacheHub(options.store, options.log);
    for (const info of allResources()) {
      const key = gvrKey(info.group, info.version, info.resource);
      const storageInfo = storageOf(info);
      const store = storageInfo === undefined ? undefined : this.storeFor(storageInfo, options).servedAs(info);
      this.endpoints.set(key, { info, store, conversion: conversionFor(info, storageInfo ?? info) });
    }
  }

  /** Starts the watch caches (reads every stored object once). */
  async start(): Promise<void> {
    await this.hub.start();
  }

  async stop(): Promise<void> {
    await this.hub.stop();
  }

  endpoint(group: string, version: string, resource: string): Endpoint | undefined {
    return this.endpoints.get(gvrKey(group, version, resource));
  }

  /** The store of a resource by group and plural (its storage version). */
  storeOf(group: string, resource: string): GenericStore | undefined {
    return this.stores.get(`${group}/${resource}`);
  }

  private storeFor(info: ResourceInfo, options: RegistryOptions): GenericStore {
    const key = `${info.group}/${info.resource}`;
    const existing = this.stores.get(key);
    if (existing !== undefined) return existing;
    const keyPrefix = info.group === '' ? `/registry/${info.resource}/` : `/registry/${info.group}/${info.resource}/`;
    const cache = this.hub.register(keyPrefix);
    const store = new GenericStore(
      {
        group: info.group,
        resource: info.resource,
        kind: info.kind,
        namespaced: info.namespaced,
        storageApiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`,
        keyPrefix,
      },
      strategyFor(info),
      cache,
      {
        store: options.store,
        hub: this.hub,
        namespaceState: (ns) => this.namespaceState(ns),
        validateSchema: (obj) => options.validateSchema(info, obj),
        kindValidation: options.kindValidation ?? true,
      },
    );
    this.stores.set(key, store);
    return store;
  }

  /** Reads the namespace from the cache, waiting for the latest writes only when it seems missing. */
  private async namespaceState(namespace: string): Promise<NamespaceState> {
    const namespaces = this.stores.get('/namespaces');
    if (namespaces === undefined) return 'active';
    const key = namespaces.key('', namespace);
    let ns = namespaces.cache.get(key);
    if (ns === undefined && (await this.hub.waitForLatest())) ns = namespaces.cache.get(key);
    if (ns === undefined) return 'missing';
    const phase = (ns.status as { phase?: string } | undefined)?.phase;
    return ns.metadata.deletionTimestamp || phase === 'Terminating' ? 'terminating' : 'active';
  }
}

function gvrKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}
