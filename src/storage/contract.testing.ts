// The contract every Store backend keeps, as one test suite. A backend's test file calls
//
//   runStoreContract('sqlite', async () => { ...open a fresh store...; return { store, reopen, cleanup }; });
//
// and the suite registers its cases (node:test) under describe(name). Each case asks the
// factory for its own fresh store. The watch cases live in contract-watch.testing.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytes, rejectsWith, text } from './contract-support.testing.js';
import { concurrencyCases, watchCases } from './contract-watch.testing.js';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  InvalidContinueError,
  KeyExistsError,
  KeyNotFoundError,
  StoreClosedError,
  ValueTooLargeError,
} from './errors.js';
import { MAX_VALUE_BYTES } from './store.js';
import type { Store } from './store.js';

/** A store opened for one test case. */
export interface StoreFixture {
  /**
   * A fresh store: no keys, no writer but the test, no automatic compaction during the
   * case. Its current revision need not be 0 (an etcd cluster shared between cases).
   */
  readonly store: Store;
  /** Closes `store` (unless already closed) and opens the same data again. */
  reopen(): Promise<Store>;
  /** Closes whatever store is open (it may already be closed) and removes the data. */
  cleanup(): Promise<void>;
}

/** Opens a fresh store for one test case. */
export type StoreFactory = () => Promise<StoreFixture>;

/** Per-case timeout: a hung watch fails the case instead of the run. */
export const CASE_TIMEOUT = { timeout: 60_000 };

/** Runs `body` against a fresh fixture and always cleans up. */
export async function withFixture(factory: StoreFactory, body: (fixture: StoreFixture) => Promise<void>): Promise<void> {
  const fixture = await factory();
  try {
    await body(fixture);
  } finally {
    await fixture.cleanup();
  }
}

/** Registers the contract suite for one backend. */
export function runStoreContract(name: string, factory: StoreFactory): void {
  const it = (title: string, body: (store: Store, fixture: StoreFixture) => Promise<void>): void => {
    test(title, CASE_TIMEOUT, () => withFixture(factory, (fixture) => body(fixture.store, fixture)));
  };
  describe(`Store contract: ${name}`, () => {
    describe('create, get, update, delete', () => writeCases(it));
    describe('list', () => listCases(it));
    describe('watch', () => watchCases(it));
    describe('concurrency', () => concurrencyCases(it));
    describe('compaction', () => compactionCases(it));
    describe('lifecycle', () => lifecycleCases(it));
  });
}

export type CaseFn = (title: string, body: (store: Store, fixture: StoreFixture) => Promise<void>) => void;

function writeCases(it: CaseFn): void {
  it('create returns the new revision as createRevision and modRevision; get reads it back', async (store) => {
    const base = await store.currentRevision();
    const created = await store.create('/k/a', bytes('one'));
    assert.deepEqual({ ...created, value: text(created.value) }, { key: '/k/a', value: 'one', createRevision: base + 1, modRevision: base + 1 });
    const got = await store.get('/k/a');
    assert.equal(text(got?.value), 'one');
    assert.equal(got?.modRevision, base + 1);
    assert.equal(got?.createRevision, base + 1);
    assert.equal(await store.currentRevision(), base + 1);
    assert.equal(await store.get('/k/missing'), undefined);
  });

  it('create of an existing key fails with KeyExistsError and writes nothing', async (store) => {
    await store.create('/k/a', bytes('one'));
    const revision = await store.currentRevision();
    const err = await rejectsWith(store.create('/k/a', bytes('two')), KeyExistsError);
    assert.equal(err.key, '/k/a');
    assert.equal(text((await store.get('/k/a'))?.value), 'one');
    assert.equal(await store.currentRevision(), revision);
  });

  it('update with the current modRevision replaces the value and keeps createRevision', async (store) => {
    const created = await store.create('/k/a', bytes('one'));
    const updated = await store.update('/k/a', bytes('two'), created.modRevision);
    assert.equal(updated.modRevision, created.modRevision + 1);
    assert.equal(updated.createRevision, created.modRevision);
    assert.equal(text(updated.value), 'two');
    const got = await store.get('/k/a');
    assert.deepEqual([text(got?.value), got?.modRevision, got?.createRevision], ['two', updated.modRevision, created.modRevision]);
  });

  it('update with a stale revision fails with ConflictError carrying the current value', async (store) => {
    const created = await store.create('/k/a', bytes('one'));
    const updated = await store.update('/k/a', bytes('two'), created.modRevision);
    const revision = await store.currentRevision();
    const err = await rejectsWith(store.update('/k/a', bytes('three'), created.modRevision), ConflictError);
    assert.equal(err.key, '/k/a');
    assert.equal(err.expectedRevision, created.modRevision);
    assert.deepEqual(
      { value: text(err.current.value), createRevision: err.current.createRevision, modRevision: err.current.modRevision },
      { value: 'two', createRevision: created.modRevision, modRevision: updated.modRevision },
    );
    assert.equal(text((await store.get('/k/a'))?.value), 'two');
    assert.equal(await store.currentRevision(), revision);
  });

  it('delete with a stale expected revision fails with ConflictError; with the current one it deletes', async (store) => {
    const created = await store.create('/k/a', bytes('one'));
    const updated = await store.update('/k/a', bytes('two'), created.modRevision);
    const err = await rejectsWith(store.delete('/k/a', created.modRevision), ConflictError);
    assert.equal(err.current.modRevision, updated.modRevision);
    assert.equal(text(err.current.value), 'two');
    assert.equal(text((await store.get('/k/a'))?.value), 'two');
    const deleted = await store.delete('/k/a', updated.modRevision);
    assert.equal(deleted.revision, updated.modRevision + 1);
    assert.deepEqual(
      { ...deleted.prev, value: text(deleted.prev.value) },
      { key: '/k/a', value: 'two', createRevision: created.modRevision, modRevision: updated.modRevision },
    );
    assert.equal(await store.get('/k/a'), undefined);
    assert.equal(await store.currentRevision(), deleted.revision);
  });

  it('delete without an expected revision deletes whatever is there', async (store) => {
    const created = await store.create('/k/a', bytes('one'));
    const deleted = await store.delete('/k/a');
    assert.equal(deleted.prev.modRevision, created.modRevision);
    assert.equal(await store.get('/k/a'), undefined);
  });

  it('update and delete of a missing or deleted key fail with KeyNotFoundError and write nothing', async (store) => {
    await rejectsWith(store.update('/k/none', bytes('x'), 1), KeyNotFoundError);
    await rejectsWith(store.delete('/k/none'), KeyNotFoundError);
    const created = await store.create('/k/a', bytes('one'));
    await store.delete('/k/a');
    const revision = await store.currentRevision();
    const err = await rejectsWith(store.update('/k/a', bytes('two'), created.modRevision), KeyNotFoundError);
    assert.equal(err.key, '/k/a');
    await rejectsWith(store.delete('/k/a', created.modRevision), KeyNotFoundError);
    assert.equal(await store.currentRevision(), revision);
  });

  it('a deleted key can be created again, with a new createRevision', async (store) => {
    await store.create('/k/a', bytes('one'));
    await store.delete('/k/a');
    const again = await store.create('/k/a', bytes('two'));
    assert.equal(again.createRevision, again.modRevision);
    assert.equal((await store.get('/k/a'))?.createRevision, again.modRevision);
  });

  it('values are opaque bytes: binary and empty values round-trip', async (store) => {
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    await store.create('/k/binary', binary);
    await store.create('/k/empty', new Uint8Array(0));
    assert.deepEqual(Array.from((await store.get('/k/binary'))?.value ?? []), Array.from(binary));
    const empty = await store.get('/k/empty');
    assert.ok(empty, 'an empty value is a value');
    assert.equal(empty.value.byteLength, 0);
  });

  it('the store keeps the bytes passed, even if the caller reuses its buffer', async (store) => {
    const buffer = bytes('original');
    const pending = store.create('/k/a', buffer);
    buffer.fill(0x78);
    await pending;
    assert.equal(text((await store.get('/k/a'))?.value), 'original');
  });

  it('values over MAX_VALUE_BYTES are refused with ValueTooLargeError and nothing is written', async (store) => {
    const big = new Uint8Array(MAX_VALUE_BYTES + 1);
    const revision = await store.currentRevision();
    const err = await rejectsWith(store.create('/k/big', big), ValueTooLargeError);
    assert.deepEqual([err.key, err.size, err.limit], ['/k/big', MAX_VALUE_BYTES + 1, MAX_VALUE_BYTES]);
    const small = await store.create('/k/a', bytes('one'));
    await rejectsWith(store.update('/k/a', big, small.modRevision), ValueTooLargeError);
    assert.equal(await store.get('/k/big'), undefined);
    assert.equal(text((await store.get('/k/a'))?.value), 'one');
    assert.equal(await store.currentRevision(), revision + 1);
    // A value of one MiB is well within the limit.
    const mib = new Uint8Array(1024 * 1024).fill(7);
    await store.create('/k/mib', mib);
    assert.equal((await store.get('/k/mib'))?.value.byteLength, mib.byteLength);
  });

  it('every write creates exactly one revision, strictly increasing; failed writes create none', async (store) => {
    const base = await store.currentRevision();
    const revisions: number[] = [];
    const a = await store.create('/k/a', bytes('1'));
    revisions.push(a.modRevision);
    await rejectsWith(store.create('/k/a', bytes('x')), KeyExistsError);
    revisions.push((await store.create('/k/b', bytes('1'))).modRevision);
    revisions.push((await store.update('/k/a', bytes('2'), a.modRevision)).modRevision);
    await rejectsWith(store.update('/k/a', bytes('x'), a.modRevision), ConflictError);
    revisions.push((await store.delete('/k/b')).revision);
    // Concurrent writes each get their own revision too.
    const concurrent = await Promise.all(Array.from({ length: 50 }, (_, i) => store.create(`/k/c${i}`, bytes('1'))));
    revisions.push(...concurrent.map((s) => s.modRevision).sort((x, y) => x - y));
    assert.deepEqual(revisions, Array.from({ length: revisions.length }, (_, i) => base + 1 + i));
    assert.equal(await store.currentRevision(), base + revisions.length);
  });

  it('get at a revision reads the key as it was; compacted and future revisions fail', async (store) => {
    const one = await store.create('/k/a', bytes('one'));
    const two = await store.update('/k/a', bytes('two'), one.modRevision);
    const gone = await store.delete('/k/a');
    assert.equal(text((await store.get('/k/a', { atRevision: one.modRevision }))?.value), 'one');
    assert.equal(text((await store.get('/k/a', { atRevision: two.modRevision }))?.value), 'two');
    assert.equal(await store.get('/k/a', { atRevision: gone.revision }), undefined);
    assert.equal(await store.get('/k/a', { atRevision: one.modRevision - 1 }), undefined);
    await rejectsWith(store.get('/k/a', { atRevision: gone.revision + 1 }), FutureRevisionError);
    await store.compact(two.modRevision);
    await rejectsWith(store.get('/k/a', { atRevision: one.modRevision }), CompactedError);
    assert.equal(text((await store.get('/k/a', { atRevision: two.modRevision }))?.value), 'two');
  });
}

function listCases(it: CaseFn): void {
  const keysOf = (items: ReadonlyArray<{ key: string }>): string[] => items.map((i) => i.key);

  it('list returns the keys starting with the raw prefix, in key order, with their values', async (store) => {
    for (const key of ['/a/c', '/a/b/c', '/a/bc/d', '/a/b', '/b/a', '/a/b/a']) await store.create(key, bytes(`v${key}`));
    const slash = await store.list('/a/b/');
    assert.deepEqual(keysOf(slash.items), ['/a/b/a', '/a/b/c']);
    assert.equal(text(slash.items[0]?.value), 'v/a/b/a');
    assert.equal(slash.revision, await store.currentRevision());
    assert.equal(slash.continue, undefined);
    assert.deepEqual(keysOf((await store.list('/a/b')).items), ['/a/b', '/a/b/a', '/a/b/c', '/a/bc/d']);
    assert.deepEqual(keysOf((await store.list('/')).items), ['/a/b', '/a/b/a', '/a/b/c', '/a/bc/d', '/a/c', '/b/a']);
    assert.deepEqual(keysOf((await store.list('')).items), ['/a/b', '/a/b/a', '/a/b/c', '/a/bc/d', '/a/c', '/b/a']);
    assert.deepEqual((await store.list('/z/')).items, []);
    const item = (await store.list('/a/c')).items[0];
    assert.equal(item?.createRevision, item?.modRevision);
    assert.equal(await store.count('/a/b/'), 2);
    assert.equal(await store.count('/a/b'), 4);
    assert.equal(await store.count('/z/'), 0);
  });

  it('deleted keys are not listed or counted; updated keys show their newest value', async (store) => {
    const a = await store.create('/l/a', bytes('a1'));
    await store.create('/l/b', bytes('b1'));
    await store.update('/l/a', bytes('a2'), a.modRevision);
    await store.delete('/l/b');
    const list = await store.list('/l/');
    assert.deepEqual(list.items.map((i) => [i.key, text(i.value)]), [['/l/a', 'a2']]);
    assert.equal(await store.count('/l/'), 1);
  });

  it('pages with limit and continue read one snapshot while writes go on, with remaining counts', async (store) => {
    const keys = Array.from({ length: 10 }, (_, i) => `/p/k${i}`);
    const revs = new Map<string, number>();
    for (const key of keys) revs.set(key, (await store.create(key, bytes(`old ${key}`))).modRevision);
    await store.create('/q/outside', bytes('x'));
    const first = await store.list('/p/', { limit: 3 });
    assert.deepEqual(keysOf(first.items), keys.slice(0, 3));
    assert.equal(first.remaining, 7);
    assert.ok(first.continue, 'a continue token when more items remain');
    // Writes between pages must not show in the later pages.
    await store.update('/p/k5', bytes('new'), revs.get('/p/k5') ?? 0);
    await store.delete('/p/k7');
    await store.create('/p/k35', bytes('new'));
    await store.create('/p/k99', bytes('new'));
    const pages = [first];
    let token: string | undefined = first.continue;
    while (token !== undefined) {
      // `continue` wins over atRevision.
      const page = await store.list('/p/', { limit: 3, continue: token, atRevision: await store.currentRevision() });
      pages.push(page);
      token = page.continue;
    }
    assert.deepEqual(pages.map((p) => keysOf(p.items)), [keys.slice(0, 3), keys.slice(3, 6), keys.slice(6, 9), keys.slice(9)]);
    assert.deepEqual(pages.map((p) => p.remaining), [7, 4, 1, undefined]);
    assert.deepEqual(pages.map((p) => p.revision), [first.revision, first.revision, first.revision, first.revision]);
    assert.equal(text(pages[1]?.items[2]?.value), 'old /p/k5');
    const now = await store.list('/p/', { limit: 100 });
    assert.equal(now.items.length, 11);
    assert.equal(now.continue, undefined);
    assert.equal(now.remaining, undefined);
  });

  it('a limit of exactly the number of items needs no continue', async (store) => {
    for (const key of ['/p/a', '/p/b']) await store.create(key, bytes('x'));
    const page = await store.list('/p/', { limit: 2 });
    assert.deepEqual(keysOf(page.items), ['/p/a', '/p/b']);
    assert.equal(page.continue, undefined);
  });

  it('list at an older revision shows the prefix as it was', async (store) => {
    const a = await store.create('/o/a', bytes('a1'));
    const b = await store.create('/o/b', bytes('b1'));
    await store.update('/o/a', bytes('a2'), a.modRevision);
    await store.delete('/o/b');
    await store.create('/o/c', bytes('c1'));
    const then = await store.list('/o/', { atRevision: b.modRevision });
    assert.equal(then.revision, b.modRevision);
    assert.deepEqual(then.items.map((i) => [i.key, text(i.value), i.modRevision]), [
      ['/o/a', 'a1', a.modRevision],
      ['/o/b', 'b1', b.modRevision],
    ]);
    const page = await store.list('/o/', { atRevision: b.modRevision, limit: 1 });
    assert.deepEqual(keysOf(page.items), ['/o/a']);
    assert.equal(page.remaining, 1);
    const next = await store.list('/o/', { continue: page.continue });
    assert.deepEqual(keysOf(next.items), ['/o/b']);
  });

  it('list at a compacted revision fails with CompactedError, also through a continue token', async (store) => {
    const revs: number[] = [];
    for (const key of ['/c/a', '/c/b', '/c/c']) revs.push((await store.create(key, bytes('x'))).modRevision);
    const page = await store.list('/c/', { limit: 1 });
    await store.update('/c/a', bytes('y'), revs[0] ?? 0);
    const current = await store.currentRevision();
    await store.compact(current);
    await rejectsWith(store.list('/c/', { atRevision: current - 1 }), CompactedError);
    await rejectsWith(store.list('/c/', { continue: page.continue, limit: 1 }), CompactedError);
    const at = await store.list('/c/', { atRevision: current });
    assert.equal(at.items.length, 3);
  });

  it('list at a future revision fails with FutureRevisionError', async (store) => {
    await store.create('/f/a', bytes('x'));
    const err = await rejectsWith(store.list('/f/', { atRevision: (await store.currentRevision()) + 1 }), FutureRevisionError);
    assert.equal(err.currentRevision, await store.currentRevision());
  });

  it('a malformed continue token, or one of another prefix, fails with InvalidContinueError', async (store) => {
    for (const key of ['/i/a', '/i/b', '/j/a', '/j/b']) await store.create(key, bytes('x'));
    await rejectsWith(store.list('/i/', { continue: 'not a token!' }), InvalidContinueError);
    await rejectsWith(store.list('/i/', { continue: Buffer.from('{"rv":1}').toString('base64') }), InvalidContinueError);
    const page = await store.list('/j/', { limit: 1 });
    await rejectsWith(store.list('/i/', { continue: page.continue }), InvalidContinueError);
  });
}

function compactionCases(it: CaseFn): void {
  it('compact keeps current values and the state at the compacted revision; older reads fail', async (store) => {
    const a1 = await store.create('/m/a', bytes('a1'));
    const a2 = await store.update('/m/a', bytes('a2'), a1.modRevision);
    await store.create('/m/b', bytes('b1'));
    const bGone = await store.delete('/m/b');
    const c1 = await store.create('/m/c', bytes('c1'));
    await store.update('/m/a', bytes('a3'), a2.modRevision);
    assert.ok((await store.compactedRevision()) < a1.modRevision);
    await store.compact(bGone.revision);
    assert.equal(await store.compactedRevision(), bGone.revision);
    const at = await store.list('/m/', { atRevision: bGone.revision });
    assert.deepEqual(at.items.map((i) => [i.key, text(i.value), i.modRevision]), [['/m/a', 'a2', a2.modRevision]]);
    assert.deepEqual((await store.list('/m/')).items.map((i) => [i.key, text(i.value)]), [['/m/a', 'a3'], ['/m/c', 'c1']]);
    assert.equal((await store.get('/m/c'))?.modRevision, c1.modRevision);
    await rejectsWith(store.list('/m/', { atRevision: bGone.revision - 1 }), CompactedError);
    // Compacting at or below the compacted revision changes nothing; above the current one fails.
    await store.compact(a2.modRevision);
    assert.equal(await store.compactedRevision(), bGone.revision);
    await rejectsWith(store.compact((await store.currentRevision()) + 1), FutureRevisionError);
    assert.equal(await store.compactedRevision(), bGone.revision);
  });
}

function lifecycleCases(it: CaseFn): void {
  it('reopening keeps the data, the current revision and the compacted revision', async (store, fixture) => {
    const a = await store.create('/r/a', bytes('a1'));
    await store.update('/r/a', bytes('a2'), a.modRevision);
    await store.create('/r/b', bytes('b1'));
    await store.delete('/r/b');
    await store.compact(a.modRevision + 1);
    const revision = await store.currentRevision();
    const reopened = await fixture.reopen();
    assert.equal(await reopened.currentRevision(), revision);
    assert.equal(await reopened.compactedRevision(), a.modRevision + 1);
    assert.deepEqual((await reopened.list('/r/')).items.map((i) => [i.key, text(i.value)]), [['/r/a', 'a2']]);
    const next = await reopened.create('/r/c', bytes('c1'));
    assert.equal(next.modRevision, revision + 1);
  });

  it('close commits writes already issued; afterwards every call fails with StoreClosedError', async (store, fixture) => {
    const pending = store.create('/s/a', bytes('a1'));
    await store.close();
    assert.equal((await pending).key, '/s/a');
    await rejectsWith(store.get('/s/a'), StoreClosedError);
    await rejectsWith(store.create('/s/b', bytes('x')), StoreClosedError);
    await rejectsWith(store.list('/s/'), StoreClosedError);
    await rejectsWith(store.watch('/s/', 0)[Symbol.asyncIterator]().next(), StoreClosedError);
    await store.close();
    const reopened = await fixture.reopen();
    assert.equal(text((await reopened.get('/s/a'))?.value), 'a1');
  });
}
