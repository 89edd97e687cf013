// The watch cache of one stored resource: every current object in memory, and a bounded
// window of recent changes. Lists and watches are served from here, never from the store,
// except for paginated lists and exact-revision reads (see generic-store.ts).
//
// The cache is fed synchronously by the CacheHub, one event at a time in revision order,
// so a snapshot taken between two events is consistent at `revision`.

import type { KubeObject } from '../object.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  readonly type: CacheEventType;
  readonly key: string;
  /** The new state; for DELETED the last state, with resourceVersion set to the delete's revision. */
  readonly object: KubeObject;
  /** The previous state (MODIFIED, DELETED). */
  readonly prevObject?: KubeObject;
  readonly revision: number;
}

/** What a watcher receives: cache events after selector transitions, and bookmarks. */
export interface WatchOutput {
  readonly type: CacheEventType | 'BOOKMARK';
  readonly object: KubeObject;
  readonly revision: number;
}

export interface WatchFilter {
  /** Only objects in this namespace ('' for all). */
  readonly namespace: string;
  /** Label/field selectors and name; undefined matches everything. */
  readonly matches?: (obj: KubeObject) => boolean;
}

/** A registered watch. The sink is called synchronously for each output, in order. */
export class CacheWatcher {
  private closed = false;
  onClose: (() => void) | undefined;

  constructor(
    readonly filter: WatchFilter,
    /** Deliver only events with a revision above this one. */
    readonly afterRevision: number,
    private readonly sink: (output: WatchOutput) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Applies the filter to one change, turning selector transitions into ADDED/DELETED. */
  deliver(event: CacheEvent): void {
    if (this.closed || event.revision <= this.afterRevision) return;
    const nowMatches = this.matches(event.type === 'DELETED' ? undefined : event.object);
    const prevMatches = this.matches(event.type === 'ADDED' ? undefined : (event.prevObject ?? event.object));
    if (event.type === 'DELETED') {
      if (prevMatches) this.sink({ type: 'DELETED', object: event.object, revision: event.revision });
      return;
    }
    if (nowMatches && prevMatches) {
      this.sink({ type: event.type, object: event.object, revision: event.revision });
    } else if (nowMatches) {
      this.sink({ type: 'ADDED', object: event.object, revision: event.revision });
    } else if (prevMatches) {
      // The object left the selection: tell the watcher it is gone from its view.
      this.sink({ type: 'DELETED', object: event.object, revision: event.revision });
    }
  }

  send(output: WatchOutput): void {
    if (!this.closed) this.sink(output);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
  }

  private matches(obj: KubeObject | undefined): boolean {
    if (obj === undefined) return false;
    if (this.filter.namespace !== '' && obj.metadata.namespace !== this.filter.namespace) return false;
    return this.filter.matches === undefined || this.filter.matches(obj);
  }
}

/** Thrown when a watch asks for a revision older than the cache's window. */
export class TooOldRevisionError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

export class WatchCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly history: CacheEvent[] = [];
  private historyStart = 0;
  private readonly watchers = new Set<CacheWatcher>();
  /** Revision of the last event applied (or the revision the cache was filled at). */
  revision = 0;
  /** The oldest revision a watch may start from: events after it are all in the window. */
  private oldestServable = 0;

  constructor(
    readonly prefix: string,
    private readonly historyLimit = 10_000,
  ) {}

  /** Replaces the whole content, as after a (re)list from the store at `revision`. */
  reset(objects: Iterable<[string, KubeObject]>, revision: number): void {
    this.objects.clear();
    for (const [key, obj] of objects) this.objects.set(key, obj);
    this.history.length = 0;
    this.historyStart = 0;
    this.revision = revision;
    this.oldestServable = revision;
    // Watchers cannot know what they missed: end them; clients watch again.
    for (const watcher of [...this.watchers]) watcher.close();
  }

  /** Applies one change from the store. */
  apply(event: CacheEvent): void {
    if (event.type === 'DELETED') this.objects.delete(event.key);
    else this.objects.set(event.key, event.object);
    this.revision = event.revision;
    this.remember(event);
    for (const watcher of this.watchers) watcher.deliver(event);
  }

  /** Advances the revision without a change under this prefix. */
  advance(revision: number): void {
    if (revision > this.revision) this.revision = revision;
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Current objects under `keyPrefix` (the resource prefix plus namespace, or all), in key order. */
  list(keyPrefix: string, filter?: (obj: KubeObject) => boolean): KubeObject[] {
    const keys: string[] = [];
    for (const key of this.objects.keys()) if (key.startsWith(keyPrefix)) keys.push(key);
    keys.sort();
    const out: KubeObject[] = [];
    for (const key of keys) {
      const obj = this.objects.get(key) as KubeObject;
      if (filter === undefined || filter(obj)) out.push(obj);
    }
    return out;
  }

  /**
   * Starts a watch. With `initial` the current matching objects are sent first as ADDED
   * events; otherwise the events after `fromRevision` from the window are replayed.
   * Throws TooOldRevisionError when `fromRevision` is older than the window.
   */
  watch(
    filter: WatchFilter,
    fromRevision: number,
    initial: boolean,
    sink: (output: WatchOutput) => void,
  ): CacheWatcher {
    if (!initial && fromRevision < this.oldestServable) {
      throw new TooOldRevisionError(fromRevision, this.oldestServable);
    }
    const start = initial ? this.revision : fromRevision;
    const watcher = new CacheWatcher(filter, start, sink);
    if (initial) {
      for (const obj of this.list('', (o) => filter.namespace === '' || o.metadata.namespace === filter.namespace)) {
        if (filter.matches === undefined || filter.matches(obj)) {
          sink({ type: 'ADDED', object: obj, revision: Number(obj.metadata.resourceVersion) });
        }
      }
    } else {
      for (let i = this.historyStart; i < this.history.length; i++) {
        const event = this.history[i] as CacheEvent;
        if (event.revision > fromRevision) watcher.deliver(event);
      }
    }
    this.watchers.add(watcher);
    watcher.onClose = () => this.watchers.delete(watcher);
    return watcher;
  }

  /** Ends every watch (shutdown). */
  closeAll(): void {
    for (const watcher of [...this.watchers]) watcher.close();
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  private remember(event: CacheEvent): void {
    this.history.push(event);
    const live = this.history.length - this.historyStart;
    if (live > this.historyLimit) {
      const dropped = this.history[this.historyStart] as CacheEvent;
      this.oldestServable = dropped.revision;
      this.historyStart++;
      // Compact the array now and then instead of shifting on every event.
      if (this.historyStart > this.historyLimit) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
  }
}
