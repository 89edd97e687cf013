import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError, notFound } from '../../machinery/errors.js';
import { FakeClock } from '../clock.js';
import { NetworkError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Event } from '../types/core.js';
import type { EventPatch } from './event-logger.js';
import { EventRecorder } from './recorder.js';
import type { EventSink } from './sink.js';

/** A sink that stores Events in a map, as the API server would, and can be told to fail. */
class MapSink implements EventSink {
  readonly events = new Map<string, Event>();
  readonly calls: string[] = [];
  failures: Error[] = [];
  private rv = 0;

  async create(event: Event): Promise<Event> {
    this.calls.push('create');
    const failure = this.failures.shift();
    if (failure) throw failure;
    const key = `${event.metadata?.namespace}/${event.metadata?.name}`;
    if (this.events.has(key)) throw new APIError(409, 'AlreadyExists', 'exists');
    const stored = { ...event, metadata: { ...event.metadata, resourceVersion: String(++this.rv) } };
    this.events.set(key, stored);
    return stored;
  }

  async patch(event: Event, patch: EventPatch): Promise<Event> {
    this.calls.push('patch');
    const key = `${event.metadata?.namespace}/${event.metadata?.name}`;
    const existing = this.events.get(key);
    if (existing === undefined) throw notFound({ group: '', resource: 'events' }, event.metadata?.name ?? '');
    const stored = { ...existing, ...patch, metadata: { ...existing.metadata, resourceVersion: String(++this.rv) } };
    this.events.set(key, stored);
    return stored;
  }
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'ns', name: 'web-1', uid: 'u1', resourceVersion: '5' } };

test('an event is written as a core/v1 Event with source and reporting fields', async () => {
  const sink = new MapSink();
  const recorder = new EventRecorder({ sink, component: 'default-scheduler', instance: 'host-a', clock: new FakeClock(Date.UTC(2026, 0, 2, 3, 4, 5)), logger: silentLogger });
  recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned ns/web-1 to node-1');
  await recorder.flush();
  const [stored] = [...sink.events.values()];
  assert.ok(stored);
  assert.equal(stored.metadata?.namespace, 'ns');
  assert.match(stored.metadata?.name ?? '', /^web-1\.[0-9a-f]+$/);
  assert.deepEqual(stored.involvedObject, { kind: 'Pod', namespace: 'ns', name: 'web-1', uid: 'u1', apiVersion: 'v1', resourceVersion: '5' });
  assert.deepEqual(stored.source, { component: 'default-scheduler', host: 'host-a' });
  assert.equal(stored.reportingComponent, 'default-scheduler');
  assert.equal(stored.reportingInstance, 'host-a');
  assert.equal(stored.firstTimestamp, '2026-01-02T03:04:05Z');
  assert.equal(stored.count, 1);
  assert.equal(stored.type, 'Normal');
});

test('repeats patch the stored Event; a deleted one is created again', async () => {
  const sink = new MapSink();
  const clock = new FakeClock();
  const recorder = new EventRecorder({ sink, component: 'c', clock, logger: silentLogger });
  for (let i = 0; i < 3; i++) {
    recorder.event(pod, 'Warning', 'BackOff', 'restarting');
    await clock.advance(1000);
  }
  await recorder.flush();
  assert.deepEqual(sink.calls, ['create', 'patch', 'patch']);
  const [stored] = [...sink.events.values()];
  assert.equal(stored?.count, 3);
  sink.events.clear();
  recorder.event(pod, 'Warning', 'BackOff', 'restarting');
  await recorder.flush();
  assert.deepEqual(sink.calls.slice(3), ['patch', 'create']);
  assert.equal([...sink.events.values()][0]?.count, 4);
});

test('network failures are retried after sleeping; server rejections are not', async () => {
  const sink = new MapSink();
  const clock = new FakeClock();
  const logged: string[] = [];
  const logger: Logger = { ...silentLogger, error: (m) => logged.push(m) };
  const recorder = new EventRecorder({ sink, component: 'c', clock, logger, random: () => 0.5 });
  sink.failures = [new NetworkError('connect', 'POST', '/x', 'refused'), new NetworkError('reset', 'POST', '/x', 'reset')];
  recorder.event(pod, 'Normal', 'A', 'a');
  const flushed = recorder.flush();
  await clock.advance(4_999);
  assert.equal(sink.events.size, 0);
  await clock.advance(1 + 10_000);
  await flushed;
  assert.equal(sink.events.size, 1);
  assert.deepEqual(sink.calls, ['create', 'create', 'create']);

  sink.failures = [new APIError(422, 'Invalid', 'bad event')];
  recorder.event(pod, 'Normal', 'B', 'b');
  await recorder.flush();
  assert.equal(sink.events.size, 1);
  assert.deepEqual(logged, ['server rejected event (will not retry)']);
});

test('invalid types and objects without kind are dropped; shutdown cuts retries short', async () => {
  const sink = new MapSink();
  const clock = new FakeClock();
  const recorder = new EventRecorder({ sink, component: 'c', clock, logger: silentLogger });
  recorder.event(pod, 'Bad' as 'Normal', 'A', 'a');
  recorder.event({ metadata: { name: 'x' } }, 'Normal', 'A', 'a');
  await recorder.flush();
  assert.equal(sink.calls.length, 0);
  sink.failures = [new NetworkError('connect', 'POST', '/x', 'refused')];
  recorder.event(pod, 'Normal', 'A', 'a');
  await new Promise((r) => setImmediate(r));
  await recorder.shutdown();
  assert.equal(clock.pendingTimers(), 0);
  recorder.event(pod, 'Normal', 'A', 'a');
  await recorder.flush();
  assert.equal(sink.calls.length, 1);
});

test('several writers write events about different objects at once, and one object\'s events in order', async () => {
  let inFlight = 0;
  let most = 0;
  const written: string[] = [];
  const gates: (() => void)[] = [];
  const sink: EventSink = {
    async create(event) {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight--;
      written.push(`${event.involvedObject.name ?? ''}:${event.message ?? ''}`);
      return { ...event, metadata: { ...event.metadata, resourceVersion: '1' } };
    },
    patch: () => Promise.reject(new Error('no patches here')),
  };
  const recorder = new EventRecorder({ sink, component: 'default-scheduler', logger: silentLogger, writers: 4 });
  const podNamed = (name: string) => ({ ...pod, metadata: { ...pod.metadata, name, uid: name } });
  for (let i = 0; i < 10; i++) recorder.event(podNamed(`p${i}`), 'Normal', 'Scheduled', 'first');
  recorder.event(podNamed('p3'), 'Warning', 'Other', 'second');
  const flushed = recorder.flush();
  while (written.length < 11) {
    await new Promise((resolve) => setImmediate(resolve));
    for (const open of gates.splice(0)) open();
  }
  await flushed;
  assert.ok(most > 1 && most <= 4, `at most 4 writes at once, more than one: ${most}`);
  assert.ok(written.indexOf('p3:first') < written.indexOf('p3:second'));
  assert.equal(new Set(written).size, 11);
});

test('one writer (the default) writes every event in the order recorded', async () => {
  const sink = new MapSink();
  const recorder = new EventRecorder({ sink, component: 'c', logger: silentLogger });
  for (let i = 0; i < 5; i++) recorder.event({ ...pod, metadata: { ...pod.metadata, name: `p${i}` } }, 'Normal', 'R', `m${i}`);
  await recorder.flush();
  assert.deepEqual([...sink.events.values()].map((e) => e.message), ['m0', 'm1', 'm2', 'm3', 'm4']);
});
