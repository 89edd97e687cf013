// Helpers of the Store contract suite (contract.testing.ts): byte/text conversion, a
// recorder that logs the writes a test makes and derives the events a watch must
// deliver from them, timeouts for reads of a watch, and an error assertion.
import assert from 'node:assert/strict';
import type { Store, StoreEvent, Watcher } from './store.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

export function text(value: Uint8Array | undefined): string | undefined {
  return value === undefined ? undefined : decoder.decode(value);
}

/** A StoreEvent with values as text, for deepEqual. */
export interface Change {
  readonly type: StoreEvent['type'];
  readonly key: string;
  readonly revision: number;
  readonly createRevision: number;
  readonly value?: string;
  readonly prevValue?: string;
  readonly prevRevision?: number;
}

export function normalize(event: StoreEvent): Change {
  const change: { -readonly [K in keyof Change]: Change[K] } = {
    type: event.type,
    key: event.key,
    revision: event.revision,
    createRevision: event.createRevision,
  };
  if (event.value !== undefined) change.value = text(event.value);
  if (event.prevValue !== undefined) change.prevValue = text(event.prevValue);
  if (event.prevRevision !== undefined) change.prevRevision = event.prevRevision;
  return change;
}

interface Write {
  readonly type: Change['type'];
  readonly key: string;
  readonly revision: number;
  readonly value?: string;
}

/**
 * Makes writes through a store and remembers the successful ones, so that a test can
 * compute what any watch must see. The store must start empty and only this recorder
 * may write to it.
 */
export class Recorder {
  private readonly writes: Write[] = [];

  constructor(private readonly store: Store) {}

  async create(key: string, value: string): Promise<number> {
    const stored = await this.store.create(key, bytes(value));
    this.writes.push({ type: 'create', key, revision: stored.modRevision, value });
    return stored.modRevision;
  }

  async update(key: string, value: string, expected: number): Promise<number> {
    const stored = await this.store.update(key, bytes(value), expected);
    this.writes.push({ type: 'update', key, revision: stored.modRevision, value });
    return stored.modRevision;
  }

  async delete(key: string, expected?: number): Promise<number> {
    const { revision } = await this.store.delete(key, expected);
    this.writes.push({ type: 'delete', key, revision });
    return revision;
  }

  /** The changes a watch of `prefix` from revision `after` must deliver, in order. */
  changes(prefix: string, after: number): Change[] {
    const state = new Map<string, { value: string; createRevision: number; modRevision: number }>();
    const changes: Change[] = [];
    for (const write of [...this.writes].sort((a, b) => a.revision - b.revision)) {
      const prev = state.get(write.key);
      const change = toChange(write, prev);
      if (write.type === 'delete') state.delete(write.key);
      else state.set(write.key, { value: write.value ?? '', createRevision: change.createRevision, modRevision: write.revision });
      if (write.key.startsWith(prefix) && write.revision > after) changes.push(change);
    }
    return changes;
  }
}

function toChange(write: Write, prev: { value: string; createRevision: number; modRevision: number } | undefined): Change {
  const { type, key, revision } = write;
  if (type === 'create') return { type, key, revision, createRevision: revision, value: write.value };
  assert.ok(prev, `recorded ${type} of ${key} without a value before it`);
  const before = { createRevision: prev.createRevision, prevValue: prev.value, prevRevision: prev.modRevision };
  return type === 'update' ? { type, key, revision, value: write.value, ...before } : { type, key, revision, ...before };
}

/** Rejects when `promise` does not settle within `ms`, naming what was awaited. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the next `count` events of a watch (failing after `ms`). */
export async function take(iterator: AsyncIterator<StoreEvent>, count: number, ms = 10_000): Promise<Change[]> {
  const changes: Change[] = [];
  const deadline = Date.now() + ms;
  while (changes.length < count) {
    const result = await within(iterator.next(), Math.max(1, deadline - Date.now()), `event ${changes.length + 1} of ${count}`);
    if (result.done) assert.fail(`watch ended after ${changes.length} of ${count} events`);
    changes.push(normalize(result.value));
  }
  return changes;
}

export function iterate(watcher: Watcher): AsyncIterator<StoreEvent> {
  return watcher[Symbol.asyncIterator]();
}

/** Asserts that `promise` rejects with an instance of `type`, and returns the error. */
export async function rejectsWith<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof type) return err;
    assert.fail(`expected ${type.name}, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

/** A small deterministic pseudo-random generator (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
