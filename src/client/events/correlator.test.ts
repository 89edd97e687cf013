import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../clock.js';
import type { Event } from '../types/core.js';
import { AGGREGATE_MESSAGE_PREFIX } from './aggregator.js';
import { EventCorrelator } from './correlator.js';

function event(message: string, reason = 'FailedScheduling', name = 'web-1'): Event {
  return {
    metadata: { name: `${name}.${Math.random()}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}`, apiVersion: 'v1' },
    reason,
    message,
    type: 'Warning',
    source: { component: 'default-scheduler' },
    reportingComponent: 'default-scheduler',
    count: 1,
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
  };
}

test('an identical event becomes a patch of the stored one with count + 1', () => {
  const correlator = new EventCorrelator(new FakeClock());
  const first = correlator.correlate(event('no nodes'));
  assert.equal(first.skip, false);
  assert.ok(!first.skip && first.patch === undefined);
  correlator.updateState({ ...(first as { event: Event }).event, metadata: { name: 'stored', namespace: 'default', resourceVersion: '7' } });
  const again = event('no nodes');
  again.lastTimestamp = '2026-01-01T00:01:00Z';
  const second = correlator.correlate(again);
  assert.ok(!second.skip);
  assert.equal(second.event.metadata?.name, 'stored');
  assert.equal(second.event.count, 2);
  assert.equal(second.event.firstTimestamp, '2026-01-01T00:00:00Z');
  assert.deepEqual(second.patch, { count: 2, lastTimestamp: '2026-01-01T00:01:00Z', message: 'no nodes' });
});

test('the tenth distinct message within ten minutes starts a combined event, which later ones count up', async () => {
  const clock = new FakeClock();
  const correlator = new EventCorrelator(clock);
  for (let i = 0; i < 9; i++) {
    const r = correlator.correlate(event(`message ${i}`));
    assert.ok(!r.skip && r.patch === undefined && r.event.message === `message ${i}`);
  }
  const tenth = correlator.correlate(event('message 9'));
  assert.ok(!tenth.skip);
  assert.equal(tenth.event.message, `${AGGREGATE_MESSAGE_PREFIX}message 9`);
  assert.equal(tenth.patch, undefined);
  const eleventh = correlator.correlate(event('message 10'));
  assert.ok(!eleventh.skip);
  assert.equal(eleventh.event.count, 2);
  assert.equal(eleventh.event.metadata?.name, tenth.event.metadata?.name);
  assert.equal(eleventh.patch?.message, `${AGGREGATE_MESSAGE_PREFIX}message 10`);

  await clock.advance(601_000);
  const later = correlator.correlate(event('message 11'));
  assert.ok(!later.skip && later.event.message === 'message 11', 'a quiet window starts over');
});

test('similar events about other objects or reasons are not combined', () => {
  const correlator = new EventCorrelator(new FakeClock());
  for (let i = 0; i < 9; i++) correlator.correlate(event(`m${i}`));
  const other = correlator.correlate(event('m9', 'FailedScheduling', 'web-2'));
  assert.ok(!other.skip && other.event.message === 'm9');
  const otherReason = correlator.correlate(event('m9', 'Scheduled'));
  assert.ok(!otherReason.skip && otherReason.event.message === 'm9');
});

test('the spam filter lets 25 events per source and object through, then one per five minutes', async () => {
  const clock = new FakeClock();
  const correlator = new EventCorrelator(clock);
  let written = 0;
  for (let i = 0; i < 40; i++) if (!correlator.correlate(event('same')).skip) written++;
  assert.equal(written, 25);
  assert.equal(correlator.correlate(event('same', 'X', 'another-pod')).skip, false, 'another object has its own bucket');
  await clock.advance(299_000);
  assert.equal(correlator.correlate(event('same')).skip, true);
  await clock.advance(1_000);
  assert.equal(correlator.correlate(event('same')).skip, false);
  assert.equal(correlator.correlate(event('same')).skip, true);
});
