import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../client/index.js';
import { ZoneQueues } from './zone-queues.js';

test('a zone hands out nodes at its rate, burst 1', async () => {
  const clock = new FakeClock();
  const queues = new ZoneQueues(clock, 0.1);
  queues.add('z', 'a');
  queues.add('z', 'b');
  queues.add('z', 'a');
  assert.equal(queues.take('z'), 'a');
  assert.equal(queues.take('z'), undefined, 'the next token comes after 10 s');
  await clock.advance(10_000);
  assert.equal(queues.take('z'), 'b');
  assert.equal(queues.take('z'), undefined);
});

test('rate 0 stops a zone; zones are independent', () => {
  const clock = new FakeClock();
  const queues = new ZoneQueues(clock, 0.1);
  queues.add('z1', 'a');
  queues.add('z2', 'b');
  queues.setRate('z1', 0);
  assert.equal(queues.take('z1'), undefined);
  assert.equal(queues.take('z2'), 'b');
  queues.remove('z1', 'a');
  queues.setRate('z1', 0.1);
  assert.equal(queues.take('z1'), undefined, 'removed nodes are not handed out');
});
