// The CacheHub keeps every resource's WatchCache current from ONE store watch over the
// whole registry, so that all caches advance together: once the hub has applied revision
// R, every cache reflects every write up to R. That is what lets a list "wait until the
// cache has seen the latest write" and then answer from memory.

import type { Store, StoreEvent } from '../../storage/store.js';
import { decodeFromStorage, type KubeObject } from '../object.js';
import { WatchCache, type CacheEvent } from './watch-cache.js';

export const REGISTRY_PREFIX = '/registry/';

interface Waiter {
  readonly revision: number;
  readonly resolve: (reached: boolean) => void;
}

export interface CacheHubLogger {
  (message: string): void;
}

export class CacheHub {
  private readonly caches = new Map<string, WatchCache>();
  private revision = 0;
  private waiters: Waiter[] = [];
  private stopped = false;
  private loop: Promise<void> | undefined;
  private closeWatch: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: CacheHubLogger = () => {},
  ) {}

  /** Registers a resource's cache before start(); `prefix` ends with '/'. */
  register(prefix: string): WatchCache {
    let cache = this.caches.get(prefix);
    if (cache === undefined) {
      cache = new WatchCache(prefix);
      this.caches.set(prefix, cache);
    }
    return cache;
  }

  /** Fills every cache from the store and starts following changes. */
  async start(): Promise<void> {
    await this.fill();
    this.loop = this.follow();
  }

  /** The revision up to which every cache is current. */
  get currentRevision(): number {
    return this.revision;
  }

  /**
   * Resolves true once the caches have applied `revision`, or false after `timeoutMs`
   * (for example when the newest write was outside the registry prefix).
   */
  waitFor(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.revision >= revision) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        revision,
        resolve: (reached) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits until the caches reflect every write the store has acknowledged so far. */
  async waitForLatest(timeoutMs = 3000): Promise<boolean> {
    const latest = await this.store.currentRevision();
    return this.waitFor(latest, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closeWatch?.();
    for (const cache of this.caches.values()) cache.closeAll();
    await this.loop;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }

  private async fill(): Promise<void> {
    const byPrefix = new Map<string, [string, KubeObject][]>();
    let token: string | undefined;
    let revision = 0;
    do {
      const page = await this.store.list(REGISTRY_PREFIX, { limit: 5000, continue: token });
      revision = page.revision;
      for (const item of page.items) {
        const prefix = this.prefixOf(item.key);
        if (prefix === undefined) continue;
        let entries = byPrefix.get(prefix);
        if (entries === undefined) byPrefix.set(prefix, (entries = []));
        entries.push([item.key, decodeFromStorage(item.value, item.modRevision)]);
      }
      token = page.continue;
    } while (token !== undefined);
    for (const [prefix, cache] of this.caches) cache.reset(byPrefix.get(prefix) ?? [], revision);
    this.setRevision(revision);
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      const watcher = this.store.watch(REGISTRY_PREFIX, this.revision);
      this.closeWatch = () => watcher.close();
      try {
        for await (const event of watcher) this.apply(event);
        if (this.stopped) return;
      } catch (error) {
        if (this.stopped) return;
        this.log(`watch cache: store watch ended (${(error as Error).message}); refilling from the store`);
      }
      // Lost our place: refill from a fresh list, with a short pause to avoid spinning.
      await new Promise((r) => setTimeout(r, 100));
      try {
        await this.fill();
      } catch (error) {
        this.log(`watch cache: refill failed (${(error as Error).message}); retrying`);
      }
    }
  }

  private apply(event: StoreEvent): void {
    const prefix = this.prefixOf(event.key);
    const cache = prefix === undefined ? undefined : this.caches.get(prefix);
    if (cache !== undefined) cache.apply(toCacheEvent(event, cache.get(event.key)));
    this.setRevision(event.revision);
  }

  private setRevision(revision: number): void {
    this.revision = revision;
    for (const cache of this.caches.values()) cache.advance(revision);
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.revision <= revision) waiter.resolve(true);
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** `/registry/pods/ns/x` → `/registry/pods/`; `/registry/apps/deployments/ns/x` → `/registry/apps/deployments/`. */
  private prefixOf(key: string): string | undefined {
    const rest = key.slice(REGISTRY_PREFIX.length);
    const first = rest.indexOf('/');
    if (first < 0) return undefined;
    const one = REGISTRY_PREFIX + rest.slice(0, first + 1);
    if (this.caches.has(one)) return one;
    const second = rest.indexOf('/', first + 1);
    if (second < 0) return undefined;
    const two = REGISTRY_PREFIX + rest.slice(0, second + 1);
    return this.caches.has(two) ? two : undefined;
  }
}

/** Builds the cache event, reusing the cached previous state instead of decoding it again. */
function toCacheEvent(event: StoreEvent, cached: KubeObject | undefined): CacheEvent {
  if (event.type === 'delete') {
    const last = cached
      ? { ...cached, metadata: { ...cached.metadata, resourceVersion: String(event.revision) } }
      : decodeFromStorage(event.prevValue as Uint8Array, event.revision);
    return { type: 'DELETED', key: event.key, object: last, prevObject: cached, revision: event.revision };
  }
  const object = decodeFromStorage(event.value as Uint8Array, event.revision);
  if (event.type === 'create') return { type: 'ADDED', key: event.key, object, revision: event.revision };
  const prevObject = cached ?? decodeFromStorage(event.prevValue as Uint8Array, event.prevRevision ?? 0);
  return { type: 'MODIFIED', key: event.key, object, prevObject, revision: event.revision };
}
