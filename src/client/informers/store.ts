// The informer's cache (client-go's thread-safe store plus indexer): objects by key
// (`namespace/name`), and for each index a map from index value to the keys of the
// objects that have it. JavaScript runs one thing at a time, so "thread-safe" here means
// that every operation is synchronous: a reader never sees an update half applied.

import { objectKey, type KubeObject } from '../../machinery/meta.js';

/** The values an object has for one index (several allowed, none means not indexed). */
export type IndexFunc<T> = (obj: T) => readonly string[];

/** Index functions by index name. */
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

/** Thrown when a lookup names an index the store was not given. */
export class UnknownIndexError extends Error {
  constructor(readonly index: string) {
    super(`index with name ${index} does not exist`);
    this.name = 'UnknownIndexError';
  }
}

/** Thrown when an index is added twice under one name. */
export class IndexConflictError extends Error {
  constructor(readonly index: string) {
    super(`indexer conflict: ${index}`);
    this.name = 'IndexConflictError';
  }
}

/**
 * A keyed, indexed object cache.
 * Contract: after any call returns, every index agrees with the stored objects; objects
 * are stored as given, never copied — callers must not mutate what they put in or get out.
 */
export class IndexedStore<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(
    indexers: Indexers<T> = {},
    readonly keyOf: (obj: T) => string = objectKey,
  ) {
    this.addIndexers(indexers);
  }

  /** Adds or replaces the object under its key; returns the object it replaced. */
  upsert(obj: T): T | undefined {
    const key = this.keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) this.reindex(name, fn, key, old, obj);
    return old;
  }

  /** Removes the object under `key`; returns it. */
  remove(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    for (const [name, fn] of this.indexers) this.reindex(name, fn, key, old, undefined);
    return old;
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  /** The stored object with the same key as `obj`. */
  get(obj: T): T | undefined {
    return this.items.get(this.keyOf(obj));
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  /** Objects whose index `name` includes `value`. */
  byIndex(name: string, value: string): T[] {
    const keys = this.index(name).get(value);
    if (keys === undefined) return [];
    const out: T[] = [];
    for (const key of keys) out.push(this.items.get(key)!);
    return out;
  }

  /** Keys of the objects whose index `name` includes `value`. */
  indexKeys(name: string, value: string): string[] {
    return [...(this.index(name).get(value) ?? [])];
  }

  /** Every value index `name` currently has. */
  indexValues(name: string): string[] {
    return [...this.index(name).keys()];
  }

  hasIndex(name: string): boolean {
    return this.indexers.has(name);
  }

  /** Adds indexes, building them over the objects already stored. */
  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) if (this.indexers.has(name)) throw new IndexConflictError(name);
    for (const [name, fn] of Object.entries(indexers)) {
      this.indexers.set(name, fn);
      this.indices.set(name, new Map());
      for (const [key, obj] of this.items) this.reindex(name, fn, key, undefined, obj);
    }
  }

  private index(name: string): Map<string, Set<string>> {
    const index = this.indices.get(name);
    if (index === undefined) throw new UnknownIndexError(name);
    return index;
  }

  private reindex(name: string, fn: IndexFunc<T>, key: string, old: T | undefined, next: T | undefined): void {
    const index = this.indices.get(name)!;
    const before = old === undefined ? [] : fn(old);
    const after = next === undefined ? [] : fn(next);
    // The common case — one value, unchanged — touches nothing.
    if (before.length === 1 && after.length === 1 && before[0] === after[0]) return;
    for (const value of before) {
      if (after.includes(value)) continue;
      const keys = index.get(value);
      keys?.delete(key);
      if (keys?.size === 0) index.delete(value);
    }
    for (const value of after) {
      if (before.includes(value)) continue;
      let keys = index.get(value);
      if (keys === undefined) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }
}
