import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { WorkQueue } from './queue.js';

test('keys added several times before a get are handed out once, in first-add order', async () => {
  const q = new WorkQueue<string>();
  for (const key of ['a', 'b', 'a', 'c', 'b']) q.add(key);
  assert.equal(q.len(), 3);
  assert.deepEqual([await q.get(), await q.get(), await q.get()], ['a', 'b', 'c']);
  assert.equal(q.len(), 0);
});

test('a key added while held is handed out again only after done()', async () => {
  const q = new WorkQueue<string>();
  q.add('a');
  const held = await q.get();
  q.add('a');
  assert.equal(q.len(), 0, 'not queued while a worker holds it');
  let second: string | undefined;
  void q.get().then((k) => (second = k));
  await tick();
  assert.equal(second, undefined);
  q.done(held!);
  await tick();
  assert.equal(second, 'a');
});

test('under many concurrent workers no key is ever held twice, and every add after a get is processed', async () => {
  const q = new WorkQueue<string>();
  const holding = new Set<string>();
  const processedAfterAdd = new Map<string, number>();
  const lastAdd = new Map<string, number>();
  let clock = 0;
  let violations = 0;
  const worker = async () => {
    for (let key = await q.get(); key !== undefined; key = await q.get()) {
      if (holding.has(key)) violations++;
      holding.add(key);
      const started = ++clock;
      for (let i = Math.floor(Math.random() * 3); i > 0; i--) await tick();
      holding.delete(key);
      processedAfterAdd.set(key, started);
      q.done(key);
    }
  };
  const workers = Array.from({ length: 8 }, () => worker());
  for (let round = 0; round < 200; round++) {
    const key = `k${round % 10}`;
    lastAdd.set(key, ++clock);
    q.add(key);
    if (round % 7 === 0) await tick();
  }
  await q.shutDownWithDrain();
  await Promise.all(workers);
  assert.equal(violations, 0);
  for (const [key, added] of lastAdd) {
    assert.ok((processedAfterAdd.get(key) ?? 0) > added, `${key} was processed after its last add`);
  }
});

test('shutDown: adds are ignored, queued keys still come out, then undefined', async () => {
  const q = new WorkQueue<string>();
  q.add('a');
  const waiting = new WorkQueue<string>();
  const pending = waiting.get();
  waiting.shutDown();
  assert.equal(await pending, undefined);
  q.shutDown();
  q.add('b');
  assert.equal(q.shuttingDown(), true);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), undefined);
});

test('shutDownWithDrain waits for held keys to be done', async () => {
  const q = new WorkQueue<string>();
  q.add('a');
  const key = await q.get();
  let drained = false;
  const draining = q.shutDownWithDrain().then(() => (drained = true));
  await tick();
  assert.equal(drained, false);
  q.done(key!);
  await draining;
  assert.equal(drained, true);
});

test('urgent keys are handed out before normal ones, in their own order; a waiting key keeps its place', async () => {
  const q = new WorkQueue<string>();
  q.add('n1');
  q.add('n2');
  q.addUrgent('u1');
  q.addUrgent('n1');
  q.addUrgent('u2');
  q.add('u1');
  assert.equal(q.len(), 4);
  const order: (string | undefined)[] = [];
  for (let i = 0; i < 4; i++) {
    const key = await q.get();
    order.push(key);
    q.done(key!);
  }
  assert.deepEqual(order, ['u1', 'u2', 'n1', 'n2']);
  assert.equal(q.len(), 0);
});

test('a key re-added urgently while held comes back in the urgent lane after done()', async () => {
  const q = new WorkQueue<string>();
  q.add('a');
  const held = await q.get();
  q.add('b');
  q.addUrgent('a');
  q.done(held!);
  assert.deepEqual([await q.get(), await q.get()], ['a', 'b']);
});

test('a worker waiting on an empty queue gets an urgent key at once', async () => {
  const q = new WorkQueue<string>();
  const next = q.get();
  q.addUrgent('x');
  assert.equal(await next, 'x');
  q.done('x');
  const drained = q.shutDownWithDrain();
  await drained;
});
