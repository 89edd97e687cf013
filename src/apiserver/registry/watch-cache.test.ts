import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TooOldRevisionError, WatchCache, type CacheEvent, type WatchOutput } from './watch-cache.js';
import type { KubeObject } from '../object.js';

const obj = (name: string, rv: number, labels: Record<string, string> = {}, namespace = 'ns'): KubeObject => ({
  metadata: { name, namespace, resourceVersion: String(rv), labels },
});
const added = (name: string, rv: number, labels?: Record<string, string>): CacheEvent => ({ type: 'ADDED', key: `/r/ns/${name}`, object: obj(name, rv, labels), revision: rv });

test('lists are in key order and filtered', () => {
  const cache = new WatchCache('/r/');
  cache.reset([['/r/ns/b', obj('b', 2)], ['/r/ns/a', obj('a', 1)], ['/r/other/c', obj('c', 3, {}, 'other')]], 3);
  assert.deepEqual(cache.list('/r/ns/').map((o) => o.metadata.name), ['a', 'b']);
  assert.deepEqual(cache.list('/r/', (o) => o.metadata.name !== 'a').map((o) => o.metadata.name), ['b', 'c']);
});

test('a watch replays the window after its revision, then follows live changes', () => {
  const cache = new WatchCache('/r/');
  cache.reset([], 10);
  cache.apply(added('a', 11));
  cache.apply(added('b', 12));
  const seen: WatchOutput[] = [];
  cache.watch({ namespace: '' }, 11, false, (o) => seen.push(o));
  cache.apply(added('c', 13));
  assert.deepEqual(seen.map((o) => `${o.type} ${o.object.metadata.name} ${o.revision}`), ['ADDED b 12', 'ADDED c 13']);
});

test('a watch from before the window fails with TooOldRevisionError', () => {
  const cache = new WatchCache('/r/', 2);
  cache.reset([], 10);
  for (let rv = 11; rv <= 14; rv++) cache.apply(added(`o${rv}`, rv));
  assert.throws(() => cache.watch({ namespace: '' }, 11, false, () => {}), TooOldRevisionError);
  const seen: WatchOutput[] = [];
  cache.watch({ namespace: '' }, 12, false, (o) => seen.push(o));
  assert.deepEqual(seen.map((o) => o.revision), [13, 14]);
});

test('selector transitions become ADDED and DELETED for the watcher', () => {
  const cache = new WatchCache('/r/');
  cache.reset([['/r/ns/x', obj('x', 5, { team: 'a' })]], 5);
  const seen: WatchOutput[] = [];
  cache.watch({ namespace: '', matches: (o) => o.metadata.labels?.team === 'a' }, 5, false, (o) => seen.push(o));
  const update = (rv: number, team: string, prev: KubeObject): KubeObject => {
    const next = obj('x', rv, { team });
    cache.apply({ type: 'MODIFIED', key: '/r/ns/x', object: next, prevObject: prev, revision: rv });
    return next;
  };
  let current = cache.get('/r/ns/x') as KubeObject;
  current = update(6, 'b', current);
  current = update(7, 'a', current);
  update(8, 'a', current);
  assert.deepEqual(seen.map((o) => o.type), ['DELETED', 'ADDED', 'MODIFIED']);
});

test('initial watches send the current objects first; reset ends every watch', () => {
  const cache = new WatchCache('/r/');
  cache.reset([['/r/ns/a', obj('a', 1)]], 4);
  const seen: WatchOutput[] = [];
  const watcher = cache.watch({ namespace: 'ns' }, 0, true, (o) => seen.push(o));
  assert.deepEqual(seen.map((o) => `${o.type} ${o.object.metadata.name}`), ['ADDED a']);
  let closed = false;
  const previous = watcher.onClose;
  watcher.onClose = () => {
    previous?.();
    closed = true;
  };
  cache.reset([], 9);
  assert.ok(closed);
  assert.equal(cache.watcherCount, 0);
});
