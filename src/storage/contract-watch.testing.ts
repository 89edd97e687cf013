// Watch and concurrency cases of the Store contract suite (see contract.testing.ts).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseFn } from './contract.testing.js';
import { bytes, iterate, normalize, Recorder, rejectsWith, seededRandom, take, text, within } from './contract-support.testing.js';
import type { Change } from './contract-support.testing.js';
import { CompactedError, ConflictError, WatchOverflowError } from './errors.js';
import type { Store } from './store.js';


export function watchCases(it: CaseFn): void {
  it('watch from 0 delivers the changes made after the call, and none before', async (store) => {
    const rec = new Recorder(store);
    await rec.create('/w/before', 'x');
    const events = iterate(store.watch('/w/', 0));
    const after = await rec.create('/w/after', 'y');
    assert.deepEqual(await take(events, 1), rec.changes('/w/', after - 1));
    await events.return?.();
  });

  it('create, update and delete events carry value, prevValue, prevRevision and createRevision', async (store) => {
    const events = iterate(store.watch('/e/', await seeded(store)));
    const c = await store.create('/e/a', bytes('one'));
    const u = await store.update('/e/a', bytes('two'), c.modRevision);
    const d = await store.delete('/e/a', u.modRevision);
    const c2 = await store.create('/e/a', bytes('three'));
    assert.deepEqual(await take(events, 4), [
      { type: 'create', key: '/e/a', revision: c.modRevision, createRevision: c.modRevision, value: 'one' },
      { type: 'update', key: '/e/a', revision: u.modRevision, createRevision: c.modRevision, value: 'two', prevValue: 'one', prevRevision: c.modRevision },
      { type: 'delete', key: '/e/a', revision: d.revision, createRevision: c.modRevision, prevValue: 'two', prevRevision: u.modRevision },
      { type: 'create', key: '/e/a', revision: c2.modRevision, createRevision: c2.modRevision, value: 'three' },
    ]);
    await events.return?.();
  });

  it('watch from an older revision delivers the history first, then live changes, with no gap or duplicate', async (store) => {
    const rec = new Recorder(store);
    const first = await rec.create('/h/a', 'a1');
    await rec.update('/h/a', 'a2', first);
    await rec.create('/h/b', 'b1');
    await rec.create('/elsewhere', 'x');
    await rec.delete('/h/a');
    const events = iterate(store.watch('/h/', first));
    assert.deepEqual(await take(events, 3), rec.changes('/h/', first));
    const live = await rec.create('/h/c', 'c1');
    await rec.create('/h/d', 'd1');
    assert.deepEqual(await take(events, 2), rec.changes('/h/', live - 1));
    await events.return?.();
  });

  it('a watch opened while writes are in flight misses and repeats nothing', async (store) => {
    const rec = new Recorder(store);
    const from = await seeded(store);
    const writes = Array.from({ length: 200 }, (_, i) => rec.create(`/f/k${String(i).padStart(3, '0')}`, `v${i}`));
    const events = iterate(store.watch('/f/', from));
    await Promise.all(writes);
    assert.deepEqual(await take(events, 200), rec.changes('/f/', from));
    await events.return?.();
  });

  it('a watch replaying a long history while writes go on switches to live changes without gap', async (store) => {
    const rec = new Recorder(store);
    const from = await seeded(store);
    for (let batch = 0; batch < 12; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => rec.create(`/g/${batch}/${i}`, `v${batch}.${i}`)));
    }
    const events = iterate(store.watch('/g/', from));
    const live = Promise.all(Array.from({ length: 300 }, (_, i) => rec.create(`/g/live/${i}`, `l${i}`)));
    // Part of the history is read, then the live writes are committed, then the rest.
    const received = await take(events, 100);
    await live;
    received.push(...(await take(events, 1400)));
    assert.deepEqual(received, rec.changes('/g/', from));
    await events.return?.();
  });

  it('many watchers on overlapping prefixes each see exactly their changes, in order', async (store) => {
    const rec = new Recorder(store);
    const keys = ['/w/a/x/1', '/w/a/x/2', '/w/a/1', '/w/ab/1', '/w/b/1', '/w/b/2', '/w/c', '/x/1'];
    const lanes = new Map<string, number | undefined>(keys.map((k) => [k, undefined]));
    const base = await seeded(store);
    await runLanes(rec, lanes, 6, 1);
    const middle = await store.currentRevision();
    const prefixes = ['/w/', '/w/a/', '/w/a', '/w/a/x/', '/w/b/', '/', '/w/c', '/none/'];
    const watchers = prefixes.flatMap((prefix) =>
      // From 0 ("now") sees what a watch from `middle` sees.
      [base, middle, 0].map((from) => ({ prefix, from: from === 0 ? middle : from, events: iterate(store.watch(prefix, from)) })),
    );
    await runLanes(rec, lanes, 6, 2);
    for (const w of watchers) {
      const expected = rec.changes(w.prefix, w.from);
      assert.deepEqual(await take(w.events, expected.length), expected, `watch of ${w.prefix} from ${w.from}`);
    }
    // A last write under every prefix: the next event of each watcher must be exactly it.
    const last = await rec.create('/w/a/x/last', 'end');
    for (const w of watchers.filter((w) => '/w/a/x/last'.startsWith(w.prefix))) {
      assert.deepEqual((await take(w.events, 1))[0]?.revision, last, `watch of ${w.prefix}: nothing between`);
    }
    await Promise.all(watchers.map((w) => w.events.return?.()));
  });

  it('watch from a compacted revision fails with CompactedError; from the compacted revision it works', async (store) => {
    const rec = new Recorder(store);
    const a = await rec.create('/c/a', 'a1');
    await rec.update('/c/a', 'a2', a);
    const gone = await rec.delete('/c/a');
    await rec.create('/c/b', 'b1');
    await store.compact(gone);
    const failing = iterate(store.watch('/c/', gone - 1));
    const err = await rejectsWith(within(failing.next(), 10_000, 'the compacted watch to fail'), CompactedError);
    assert.equal(err.compactedRevision, gone);
    const working = iterate(store.watch('/c/', gone));
    assert.deepEqual(await take(working, 1), rec.changes('/c/', gone));
    await working.return?.();
  });

  it('a watcher that does not consume fails with WatchOverflowError; writers are never blocked', async (store) => {
    const rec = new Recorder(store);
    const from = await seeded(store);
    const bufferSize = 10;
    const events = iterate(store.watch('/o/', from, { bufferSize }));
    // All 60 writes are acknowledged while the watcher reads nothing.
    await within(Promise.all(Array.from({ length: 60 }, (_, i) => rec.create(`/o/k${String(i).padStart(2, '0')}`, `v${i}`))), 20_000, 'the writes');
    const expected = rec.changes('/o/', from);
    const received: Change[] = [];
    let overflow: WatchOverflowError | undefined;
    while (overflow === undefined) {
      try {
        const result = await within(events.next(), 10_000, 'an event or the overflow error');
        assert.ok(!result.done, 'the watch ended instead of failing');
        received.push(normalize(result.value));
      } catch (err) {
        if (!(err instanceof WatchOverflowError)) throw err;
        overflow = err;
      }
    }
    assert.ok(received.length <= bufferSize, `at most the buffer (${bufferSize}) is delivered, got ${received.length}`);
    assert.deepEqual(received, expected.slice(0, received.length));
    assert.equal(overflow.resumeRevision, received.at(-1)?.revision ?? from);
    // Watching again from resumeRevision continues with no gap.
    const resumed = iterate(store.watch('/o/', overflow.resumeRevision));
    assert.deepEqual(await take(resumed, expected.length - received.length), expected.slice(received.length));
    await resumed.return?.();
  });

  it('closing a watcher ends its iteration normally', async (store) => {
    const watcher = store.watch('/q/', await seeded(store));
    const events = iterate(watcher);
    await store.create('/q/a', bytes('x'));
    assert.equal((await take(events, 1)).length, 1);
    const pending = events.next();
    watcher.close();
    watcher.close();
    assert.deepEqual(await within(pending, 10_000, 'the iteration to end'), { value: undefined, done: true });
    await store.create('/q/b', bytes('x'));
    assert.deepEqual(await events.next(), { value: undefined, done: true });
  });

  it('closing the store ends open watches normally', async (store) => {
    const watchers = [store.watch('/q/', 0), store.watch('/', 0)];
    const ended = watchers.map(async (watcher) => {
      for await (const event of watcher) void event;
    });
    await store.create('/q/a', bytes('x'));
    await store.close();
    await within(Promise.all(ended), 10_000, 'the watches to end');
  });
}

export function concurrencyCases(it: CaseFn): void {
  it('1000 concurrent read-modify-write increments through compare-and-swap end at exactly 1000', async (store) => {
    const created = await store.create('/counter', bytes('0'));
    const random = seededRandom(7);
    let conflicts = 0;
    const increment = async (): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        const current = await store.get('/counter');
        assert.ok(current);
        try {
          await store.update('/counter', bytes(String(Number(text(current.value)) + 1)), current.modRevision);
          return;
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          conflicts++;
          // Jittered back-off, as a real client does, so that contention stays bounded.
          await sleep(random() * Math.min(2 ** attempt, 50));
        }
      }
    };
    await Promise.all(Array.from({ length: 1000 }, increment));
    const final = await store.get('/counter');
    assert.equal(text(final?.value), '1000');
    assert.equal(final?.modRevision, created.modRevision + 1000);
    assert.ok(conflicts > 0, 'the increments did race');
  });
}

/**
 * The current revision, after one write outside every prefix the cases watch if the
 * store is still at revision 0, since a watch from 0 means "from now", not "from the
 * beginning".
 */
export async function seeded(store: Store): Promise<number> {
  if ((await store.currentRevision()) === 0) await store.create('/~seed', bytes('seed'));
  return store.currentRevision();
}

/**
 * Concurrent writers, one per key (so none conflicts): each creates, updates or deletes
 * its key `steps` times at random, all lanes at once. `lanes` holds each key's modRevision
 * (undefined: absent) from one run to the next.
 */
async function runLanes(rec: Recorder, lanes: Map<string, number | undefined>, steps: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const lane = async (key: string): Promise<void> => {
    for (let i = 0; i < steps; i++) {
      const revision = lanes.get(key);
      const value = `${key} #${seed}.${i}`;
      if (revision === undefined) lanes.set(key, await rec.create(key, value));
      else if (random() < 0.7) lanes.set(key, await rec.update(key, value, revision));
      else {
        await rec.delete(key, revision);
        lanes.set(key, undefined);
      }
    }
  };
  await Promise.all([...lanes.keys()].map(lane));
}
