// An informer (client-go's SharedIndexInformer): a ListWatcher keeps an indexed cache of
// one resource in step with the server and tells handlers about every change. Flow:
//
//   ListWatcher ──replace(list)──▶ for each object: cache.upsert → onAdd / onUpdate(old, new)
//               │                  for each cached key not listed: cache.remove → onDelete(tombstone)
//               └──event────────▶ cache.upsert/remove → onAdd / onUpdate / onDelete
//
// Handlers are called synchronously after the cache has the change, so a lister read in
// a handler sees it. `hasSynced()` turns true only after the first list has reached every
// handler — not merely the cache — so a controller that waits for it never acts on an
// object its handlers have not yet seen.

import type { KubeObject } from '../../machinery/meta.js';
import { realClock, type Clock } from '../clock.js';
import { stderrLogger, type Logger } from '../logger.js';
import type { ResourceClient } from '../rest/resource-client.js';
import { ListWatcher, type ListWatcherOptions } from '../watch/list-watcher.js';
import type { WatchEvent } from '../watch/watch-stream.js';
import { DeletedFinalStateUnknown, Listener, type EventHandler, type HandlerRegistration } from './handlers.js';
import { NAMESPACE_INDEX, namespaceIndexFunc } from './indexers.js';
import { Lister } from './lister.js';
import { IndexedStore, type Indexers } from './store.js';

export interface InformerOptions<T> extends ListWatcherOptions {
  /** Indexes beyond the namespace index every informer has. */
  readonly indexers?: Indexers<T>;
}

/**
 * A cache of one resource with change notifications.
 * Contract:
 * - every handler sees each change once, in server order: an object at a
 *   resourceVersion it has already been given is not delivered again;
 * - deletions missed while disconnected arrive as DeletedFinalStateUnknown after relisting;
 * - a handler added after the cache synced first gets every cached object as an add;
 * - stop() resolves with no request in flight and no timer left.
 */
export class SharedInformer<T extends KubeObject> {
  readonly store: IndexedStore<T>;
  readonly lister: Lister<T>;
  private readonly logger: Logger;
  private readonly listWatcher: ListWatcher<T>;
  /** Replaced, never mutated, so that a delivery loop in progress is unaffected by (un)registration. */
  private listeners: readonly Listener<T>[] = [];
  private synced = false;
  private stopped = false;
  private readonly syncWaiters: ((synced: boolean) => void)[] = [];

  constructor(
    readonly resource: ResourceClient<T>,
    options: InformerOptions<T> = {},
  ) {
    this.logger = options.logger ?? stderrLogger;
    this.store = new IndexedStore<T>({ [NAMESPACE_INDEX]: namespaceIndexFunc, ...options.indexers });
    this.lister = new Lister(this.store);
    const clock: Clock = options.clock ?? realClock;
    this.listWatcher = new ListWatcher(resource, { replace: (items) => this.replace(items), event: (e) => this.apply(e) }, { ...options, clock, logger: this.logger });
  }

  /** Adds a handler; see EventHandler. */
  addEventHandler(handler: EventHandler<T>): HandlerRegistration {
    const listener: Listener<T> = new Listener(handler, this.logger, () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
    this.listeners = [...this.listeners, listener];
    if (this.synced) {
      for (const obj of this.store.list()) listener.add(obj, true);
      listener.synced = true;
    }
    return listener;
  }

  /** Adds indexes (built over what is cached). */
  addIndexers(indexers: Indexers<T>): void {
    this.store.addIndexers(indexers);
  }

  /** Starts listing and watching (once). */
  run(): void {
    if (this.stopped) return;
    this.listWatcher.start();
  }

  /** True once the first list is in the cache and has been delivered to every handler. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, false if the informer stops (or `signal` aborts) first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.push((synced) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(synced);
      });
    });
  }

  /** The resourceVersion the cache reflects ('' before the first list). */
  get lastSyncResourceVersion(): string {
    return this.listWatcher.resourceVersion;
  }

  /** Stops watching; handlers get nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.listWatcher.stop();
    for (const resolve of this.syncWaiters.splice(0)) resolve(false);
  }

  private replace(items: T[]): void {
    const initial = !this.synced;
    const listed = new Set<string>();
    for (const obj of items) {
      listed.add(this.store.keyOf(obj));
      const old = this.store.upsert(obj);
      if (old === undefined) this.notifyAdd(obj, initial);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.notifyUpdate(old, obj);
    }
    if (this.store.size > listed.size) {
      for (const key of this.store.listKeys()) {
        if (listed.has(key)) continue;
        const gone = this.store.remove(key)!;
        this.notifyDelete(new DeletedFinalStateUnknown(key, gone));
      }
    }
    if (!this.synced) this.markSynced();
  }

  private apply(event: WatchEvent<T>): void {
    const obj = event.object;
    if (event.type === 'DELETED') {
      this.store.remove(this.store.keyOf(obj));
      this.notifyDelete(obj);
      return;
    }
    const old = this.store.upsert(obj);
    if (old === undefined) this.notifyAdd(obj, false);
    else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.notifyUpdate(old, obj);
  }

  private markSynced(): void {
    this.synced = true;
    for (const listener of this.listeners) listener.synced = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve(true);
  }

  private notifyAdd(obj: T, initial: boolean): void {
    for (const listener of this.listeners) listener.add(obj, initial);
  }

  private notifyUpdate(old: T, obj: T): void {
    for (const listener of this.listeners) listener.update(old, obj);
  }

  private notifyDelete(obj: T | DeletedFinalStateUnknown<T>): void {
    for (const listener of this.listeners) listener.delete(obj);
  }
}
