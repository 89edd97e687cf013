import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Deque } from './deque.js';

test('FIFO order survives compaction of the consumed prefix', () => {
  const deque = new Deque<number>();
  const out: number[] = [];
  for (let i = 0; i < 5000; i++) {
    deque.push(i);
    if (i % 3 === 0) out.push(deque.shift()!);
  }
  while (deque.length > 0) out.push(deque.shift()!);
  assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(deque.shift(), undefined);
});
