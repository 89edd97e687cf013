// The event recorder writing core/v1 Events to a real kubets: one Event per occurrence
// pattern, repeats counted with a PATCH, similar events combined.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientEventSink } from '../../src/client/events/client-sink.js';
import { EventRecorder } from '../../src/client/events/recorder.js';
import { silentLogger } from '../../src/client/logger.js';
import type { Client } from '../../src/client/client.js';
import type { Pod } from '../../src/client/types/core.js';
import { TestServer } from './support.js';

let server: TestServer;
let client: Client;
let pod: Pod;
before(async () => {
  server = await TestServer.start();
  client = server.client();
  await client.namespaces().create({ metadata: { name: 'ev' } });
  pod = await client.pods('ev').create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
});
after(async () => {
  await server?.stop();
});

test('a repeated event is one Event whose count grows (PATCHed, not re-created)', async () => {
  const recorder = new EventRecorder({ sink: clientEventSink(client), component: 'default-scheduler', instance: 'node-a', logger: silentLogger });
  for (let i = 0; i < 3; i++) recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available');
  await recorder.flush();
  const events = (await client.events('ev').list()).items.filter((e) => e.reason === 'FailedScheduling');
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event?.count, 3);
  assert.equal(event?.type, 'Warning');
  assert.equal(event?.message, '0/3 nodes are available');
  assert.deepEqual(event?.source, { component: 'default-scheduler', host: 'node-a' });
  assert.equal(event?.reportingComponent, 'default-scheduler');
  assert.equal(event?.reportingInstance, 'node-a');
  assert.equal(event?.involvedObject.uid, pod.metadata?.uid);
  assert.equal(event?.involvedObject.kind, 'Pod');
  assert.match(event?.metadata?.name ?? '', /^web\.[0-9a-f]+$/);
  await recorder.shutdown();
});

test('ten different messages for one reason within ten minutes are combined', async () => {
  const recorder = new EventRecorder({ sink: clientEventSink(client), component: 'kubelet', logger: silentLogger });
  for (let i = 0; i < 12; i++) recorder.event(pod, 'Normal', 'Pulling', `pulling image ${i}`);
  await recorder.flush();
  const events = (await client.events('ev').list()).items.filter((e) => e.reason === 'Pulling');
  assert.equal(events.length, 10, 'nine distinct events and one combined');
  const combined = events.find((e) => e.message?.startsWith('(combined from similar events): '));
  assert.equal(combined?.count, 3);
  assert.equal(combined?.message, '(combined from similar events): pulling image 11');
  await recorder.shutdown();
});
