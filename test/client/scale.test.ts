// 10,000 ConfigMaps listed and watched through one informer against a real kubets: half
// exist before the informer starts (the list), half are created while it watches, some
// are updated and deleted; every change must reach the handler exactly once.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deletedObject } from '../../src/client/informers/handlers.js';
import { SharedInformer } from '../../src/client/informers/shared-informer.js';
import { silentLogger } from '../../src/client/logger.js';
import type { Client } from '../../src/client/client.js';
import type { ConfigMap } from '../../src/client/types/core.js';
import { eventually, TestServer } from './support.js';

let server: TestServer;
let client: Client;
before(async () => {
  server = await TestServer.start();
  client = server.client();
  await client.namespaces().create({ metadata: { name: 'scale' } });
});
after(async () => {
  await server?.stop();
});

/** Runs `fn` for 0…n-1 with at most `width` in flight. */
async function inParallel(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

test('10,000 ConfigMaps: listed and watched with no change missed or delivered twice', async () => {
  const cms = client.configMaps('scale');
  const name = (i: number) => `cm-${String(i).padStart(5, '0')}`;
  await inParallel(5_000, 64, (i) => cms.create({ metadata: { name: name(i) }, data: { v: '0' } }));

  const informer = new SharedInformer<ConfigMap>(client.configMaps('scale'), { logger: silentLogger });
  const adds = new Map<string, number>();
  const updates = new Map<string, number>();
  const deletes = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  let staleUpdates = 0;
  informer.addEventHandler({
    onAdd: (obj) => bump(adds, obj.metadata!.name!),
    onUpdate: (old, obj) => {
      if (Number(old.metadata!.resourceVersion) >= Number(obj.metadata!.resourceVersion)) staleUpdates++;
      bump(updates, obj.metadata!.name!);
    },
    onDelete: (obj) => bump(deletes, deletedObject(obj).metadata!.name!),
  });
  informer.run();
  assert.equal(await informer.waitForSync(), true);
  assert.equal(adds.size, 5_000, 'the list');

  await inParallel(5_000, 64, (i) => cms.create({ metadata: { name: name(5_000 + i) }, data: { v: '0' } }));
  // Every tenth object is updated, every twentieth (of the updated ones, half) deleted.
  await inParallel(1_000, 64, (i) => cms.patch(name(i * 10), 'merge', { data: { v: '1' } }));
  await inParallel(500, 64, (i) => cms.delete(name(i * 20)));

  await eventually(() => adds.size === 10_000 && updates.size === 1_000 && deletes.size === 500, 30_000, 'every change');
  assert.ok([...adds.values()].every((n) => n === 1), 'each object added once');
  assert.ok([...updates.values()].every((n) => n === 1), 'each update delivered once');
  assert.ok([...deletes.values()].every((n) => n === 1), 'each delete delivered once');
  assert.equal(staleUpdates, 0, 'updates in resourceVersion order');
  assert.equal(informer.store.size, 9_500);

  const listed = await cms.list();
  const onServer = new Map(listed.items.filter((c) => c.metadata!.name!.startsWith('cm-')).map((c) => [c.metadata!.name!, c.metadata!.resourceVersion!]));
  const cached = new Map(informer.store.list().map((c) => [c.metadata!.name!, c.metadata!.resourceVersion!]));
  assert.deepEqual(cached, onServer);
  await informer.stop();
});
