// Informers against a real kubets: list then watch, handlers, hasSynced, isolation of a
// throwing handler, one shared watch per resource, resumption after the server closes a
// watch, a forced 410 with tombstones, a server restart, and a clean stop().

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../src/client/client.js';
import { NetworkError } from '../../src/client/errors.js';
import { InformerFactory } from '../../src/client/informers/factory.js';
import { DeletedFinalStateUnknown, deletedObject, type EventHandler } from '../../src/client/informers/handlers.js';
import { SharedInformer, type InformerOptions } from '../../src/client/informers/shared-informer.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { silentLogger, type Logger } from '../../src/client/logger.js';
import { connectTransport } from '../../src/client/rest/connect.js';
import { FunctionTransport } from '../../src/client/rest/function-transport.js';
import type { TransportRequest } from '../../src/client/rest/transport.js';
import type { ConfigMap } from '../../src/client/types/core.js';
import { objectKey } from '../../src/machinery/meta.js';
import { eventually, TestServer } from './support.js';

let server: TestServer;
let admin: Client;
before(async () => {
  server = await TestServer.start();
  admin = server.client();
});
after(async () => {
  await server?.stop();
});

const FAST = { backoff: { initialMs: 50, maxMs: 200 }, logger: silentLogger } as const;

/** A client whose requests the test can see and cut off (as a network partition would). */
function instrumentedClient(options: { maxRetries?: number } = {}) {
  const target = loadKubeconfig(server.kubeconfig);
  const socket = connectTransport({ server: target.server, caPem: target.certificateAuthorityPem, certPem: target.clientCertificatePem, keyPem: target.clientKeyPem });
  const requests: TransportRequest[] = [];
  const state = { cut: false };
  const transport = new FunctionTransport(async (req) => {
    if (state.cut) throw new NetworkError('connect', req.method, req.path, 'cut off by the test');
    requests.push(req);
    return socket.request(req);
  });
  const client = new Client(transport, { qps: Infinity, maxRetries: options.maxRetries ?? 0 });
  const count = (kind: 'list' | 'watch', resource: string) =>
    requests.filter((r) => r.method === 'GET' && r.path.includes(`/${resource}`) && r.path.includes('watch=true') === (kind === 'watch')).length;
  const close = async () => {
    await client.close();
    await socket.close();
  };
  return { client, requests, state, count, close };
}

/** A handler that mirrors what it is told into a map, and records each call. */
function mirror() {
  const state = new Map<string, string>();
  const calls: string[] = [];
  const handler: EventHandler<ConfigMap> = {
    onAdd: (obj, initial) => {
      calls.push(`add ${obj.metadata?.name}${initial ? ' (initial)' : ''}`);
      state.set(objectKey(obj), obj.metadata!.resourceVersion!);
    },
    onUpdate: (old, obj) => {
      calls.push(`update ${obj.metadata?.name} ${JSON.stringify(old.data ?? {})}→${JSON.stringify(obj.data ?? {})}`);
      state.set(objectKey(obj), obj.metadata!.resourceVersion!);
    },
    onDelete: (obj) => {
      calls.push(`delete ${deletedObject(obj).metadata?.name}${obj instanceof DeletedFinalStateUnknown ? ' (tombstone)' : ''}`);
      state.delete(objectKey(deletedObject(obj)));
    },
  };
  return { state, calls, handler };
}

async function namespace(name: string): Promise<void> {
  await admin.namespaces().create({ metadata: { name } });
}

async function serverState(ns: string): Promise<Map<string, string>> {
  const list = await admin.configMaps(ns).list();
  return new Map(list.items.filter((c) => c.metadata?.name !== 'kube-root-ca.crt').map((c) => [objectKey(c), c.metadata!.resourceVersion!]));
}

function informer(client: Client, ns: string, options: InformerOptions<ConfigMap> = {}): SharedInformer<ConfigMap> {
  return new SharedInformer(client.configMaps(ns), { ...FAST, ...options });
}

test('list then watch: adds, updates with old and new, deletes; hasSynced only after delivery to handlers', async () => {
  await namespace('basics');
  const cms = admin.configMaps('basics');
  for (const name of ['a', 'b', 'c']) await cms.create({ metadata: { name }, data: { v: '1' } });
  const inf = informer(server.client(), 'basics');
  const { calls, handler } = mirror();
  const registration = inf.addEventHandler(handler);
  assert.equal(inf.hasSynced(), false);
  inf.run();
  assert.equal(await inf.waitForSync(), true);
  assert.equal(registration.hasSynced(), true);
  assert.deepEqual(calls.filter((c) => c.endsWith('(initial)')).sort(), ['add a (initial)', 'add b (initial)', 'add c (initial)']);

  calls.length = 0;
  const b = await cms.get('b');
  await cms.update({ ...b, data: { v: '2' } });
  await cms.delete('c');
  await cms.create({ metadata: { name: 'd' } });
  await eventually(() => calls.length === 3, 5000, 'three changes');
  assert.deepEqual(calls, ['update b {"v":"1"}→{"v":"2"}', 'delete c', 'add d']);
  assert.deepEqual(inf.lister.namespace('basics').list().map((c) => c.metadata?.name).sort(), ['a', 'b', 'd']);
  assert.equal(inf.lister.namespace('basics').get('b')?.data?.v, '2');

  const late = mirror();
  const lateRegistration = inf.addEventHandler(late.handler);
  assert.equal(lateRegistration.hasSynced(), true);
  assert.deepEqual(late.calls.sort(), ['add a (initial)', 'add b (initial)', 'add d (initial)']);
  await inf.stop();
});

test('a handler that throws is logged with the object key and does not disturb the others', async () => {
  await namespace('isolation');
  const errors: { message: string; key: unknown }[] = [];
  const logger: Logger = { ...silentLogger, error: (message, context) => errors.push({ message, key: context?.key }) };
  const inf = informer(server.client(), 'isolation', { logger });
  inf.addEventHandler({
    onAdd: () => {
      throw new Error('handler bug');
    },
    onUpdate: async () => {
      throw new Error('async handler bug');
    },
  });
  const good = mirror();
  inf.addEventHandler(good.handler);
  inf.run();
  await inf.waitForSync();
  const cms = admin.configMaps('isolation');
  const x = await cms.create({ metadata: { name: 'x' } });
  await cms.update({ ...x, data: { v: '2' } });
  await cms.create({ metadata: { name: 'y' } });
  await eventually(() => good.calls.length === 3 && errors.length === 3, 5000, 'deliveries');
  assert.deepEqual(good.calls, ['add x', 'update x {}→{"v":"2"}', 'add y']);
  assert.deepEqual(errors, [
    { message: 'event handler failed on add', key: 'isolation/x' },
    { message: 'event handler failed on update', key: 'isolation/x' },
    { message: 'event handler failed on add', key: 'isolation/y' },
  ]);
  await inf.stop();
});

test('the factory gives two consumers of pods one informer and one watch', async () => {
  await namespace('shared');
  const { client, count, close } = instrumentedClient();
  const factory = new InformerFactory(client, FAST);
  const scheduler = factory.pods();
  const controller = factory.pods();
  assert.equal(scheduler, controller);
  const seen: string[] = [];
  scheduler.addEventHandler({ onAdd: (p) => void seen.push(`scheduler ${p.metadata?.name}`) });
  controller.addEventHandler({ onAdd: (p) => void seen.push(`controller ${p.metadata?.name}`) });
  factory.start();
  assert.equal(await factory.waitForCacheSync(), true);
  await admin.pods('shared').create({ metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  await eventually(() => seen.length === 2, 5000, 'both consumers');
  assert.deepEqual(seen.sort(), ['controller p1', 'scheduler p1']);
  assert.equal(count('list', 'pods'), 1);
  assert.equal(count('watch', 'pods'), 1);
  assert.deepEqual(scheduler.store.indexKeys('nodeName', 'nowhere'), [], 'pods are indexed by node name');
  await factory.shutdown();
  await close();
});

test('when the server closes the watch (timeoutSeconds), the informer watches again from where it was, without relisting', async () => {
  await namespace('resume');
  const { client, count, close } = instrumentedClient();
  const inf = informer(client, 'resume', { minWatchTimeoutMs: 1000 });
  const { state, calls, handler } = mirror();
  inf.addEventHandler(handler);
  inf.run();
  await inf.waitForSync();
  const cms = admin.configMaps('resume');
  const deadline = Date.now() + 4500;
  for (let i = 0; Date.now() < deadline; i++) {
    await cms.create({ metadata: { name: `cm-${i}` } });
    if (i % 3 === 2) await cms.delete(`cm-${i - 1}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const expected = await serverState('resume');
  await eventually(() => state.size === expected.size, 5000, 'caught up');
  assert.deepEqual(state, expected);
  assert.ok(count('watch', 'configmaps') >= 3, `watched ${count('watch', 'configmaps')} times`);
  assert.equal(count('list', 'configmaps'), 1, 'never relisted');
  assert.equal(new Set(calls).size, calls.length, 'no change delivered twice');
  await inf.stop();
  await close();
});

test('a forced 410 leads to a fresh list; deletes missed meanwhile arrive as tombstones', async () => {
  await namespace('expired');
  const cms = admin.configMaps('expired');
  for (const name of ['keep', 'change', 'remove']) await cms.create({ metadata: { name }, data: { v: '1' } });
  const { client, state: link, count, close } = instrumentedClient();
  const inf = informer(client, 'expired');
  const { state, calls, handler } = mirror();
  inf.addEventHandler(handler);
  inf.run();
  await inf.waitForSync();
  calls.length = 0;

  link.cut = true;
  server.forgetWatchWindow('/registry/configmaps/'); // ends the informer's watch; it cannot reconnect
  await cms.delete('remove');
  await cms.update({ ...(await cms.get('change')), data: { v: '2' } });
  await cms.create({ metadata: { name: 'new' } });
  server.forgetWatchWindow('/registry/configmaps/'); // the changes are no longer in any window
  link.cut = false;

  await eventually(() => calls.length === 3, 10_000, 'the relist');
  assert.deepEqual(calls.sort(), ['add new', 'delete remove (tombstone)', 'update change {"v":"1"}→{"v":"2"}']);
  assert.deepEqual(state, await serverState('expired'));
  assert.equal(count('list', 'configmaps'), 2, 'listed again');
  assert.ok(count('watch', 'configmaps') >= 2);
  await inf.stop();
  await close();
});

test('stop() is awaitable and leaves no timer or socket behind', async () => {
  await namespace('leaks');
  const resources = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TLSWrap' || r === 'TCPSocketWrap').length;
  const baseline = resources();
  for (const http2 of ['always', 'never'] as const) {
    const client = Client.fromKubeconfig(server.kubeconfig, { qps: Infinity, http2 });
    const inf = new SharedInformer(client.configMaps('leaks'), FAST);
    inf.run();
    await inf.waitForSync();
    await admin.configMaps('leaks').create({ metadata: { name: `x-${http2}` } });
    await eventually(() => inf.store.size === 1 + (http2 === 'never' ? 1 : 0), 5000, 'the event');
    assert.ok(resources() > baseline);
    await inf.stop();
    await client.close();
    await eventually(() => resources() <= baseline, 5000, `resources back to the baseline (${resources()} > ${baseline}) over ${http2}`);
  }
});

test('an informer stays correct across a server restart (changes after it arrive; the cache matches the server)', async () => {
  await namespace('restart');
  const cms = admin.configMaps('restart');
  for (let i = 0; i < 20; i++) await cms.create({ metadata: { name: `before-${i}` } });
  const client = server.client();
  const inf = informer(client, 'restart');
  const { state, handler } = mirror();
  inf.addEventHandler(handler);
  inf.run();
  await inf.waitForSync();
  await server.restart();
  for (let i = 0; i < 10; i++) await cms.delete(`before-${i}`);
  for (let i = 0; i < 10; i++) await cms.create({ metadata: { name: `after-${i}` } });
  await cms.update({ ...(await cms.get('before-15')), data: { changed: 'yes' } });
  const expected = await serverState('restart');
  await eventually(() => state.size === expected.size && state.get('restart/before-15') === expected.get('restart/before-15'), 15_000, 'caught up after the restart');
  assert.deepEqual(state, expected);
  assert.deepEqual(new Map(inf.store.list().map((c) => [objectKey(c), c.metadata!.resourceVersion!])), expected);
  await inf.stop();
});
