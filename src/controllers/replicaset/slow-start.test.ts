import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowStartBatch } from './slow-start.js';

test('batches double from the initial size until the count is reached', async () => {
  const sizes: number[] = [];
  let inFlight = 0;
  const result = await slowStartBatch(10, 1, async () => {
    inFlight++;
    await Promise.resolve();
    sizes.push(inFlight);
    inFlight--;
  });
  assert.deepEqual(result, { successes: 10, attempted: 10 });
  // 1 + 2 + 4 + 3: the largest parallel batch is 4.
  assert.equal(Math.max(...sizes), 4);
});

test('a batch with a failure ends the run; later batches are never attempted', async () => {
  let calls = 0;
  const result = await slowStartBatch(100, 1, () => {
    calls++;
    return calls === 3 ? Promise.reject(new Error('quota')) : Promise.resolve();
  });
  // Batches 1 and 2 (calls 1..3): call 3 fails, so the batch of 4 is never sent.
  assert.equal(calls, 3);
  assert.equal(result.attempted, 3);
  assert.equal(result.successes, 2);
  assert.equal((result.error as Error).message, 'quota');
});
