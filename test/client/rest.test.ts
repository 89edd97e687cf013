// kubets' own client against a real kubets over real sockets: CRUD on any resource, the
// typed errors, patches, paging, watches, over HTTP/2 and HTTP/1.1.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isAlreadyExists, isConflict, isInvalid, isNotFound, type APIError } from '../../src/machinery/errors.js';
import { NetworkError } from '../../src/client/errors.js';
import { FunctionTransport } from '../../src/client/rest/function-transport.js';
import { Client } from '../../src/client/client.js';
import { connectTransport } from '../../src/client/rest/connect.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import type { ConfigMap, Pod } from '../../src/client/types/core.js';
import type { WatchEvent } from '../../src/client/watch/watch-stream.js';
import { TestServer } from './support.js';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server?.stop();
});

for (const http2 of ['always', 'never'] as const) {
  describe(`over HTTP/${http2 === 'always' ? '2' : '1.1'}`, () => {
    const ns = `rest-${http2}`;
    let client: Client;
    before(async () => {
      client = server.client({ http2 });
      await client.namespaces().create({ metadata: { name: ns } });
    });

    test('the transport speaks the expected protocol', async () => {
      await client.namespaces().get(ns);
      assert.equal(client.rest.transport.protocol, http2 === 'always' ? '2' : '1.1');
    });

    test('create, get, update, list, delete; typed errors', async () => {
      const cms = client.configMaps(ns);
      const created = await cms.create({ metadata: { name: 'a', labels: { app: 'x' } }, data: { k: 'v' } });
      assert.ok(created.metadata?.uid);
      assert.ok(isAlreadyExists(await cms.create({ metadata: { name: 'a' } }).catch((e: unknown) => e)));
      const got = await cms.get('a');
      assert.deepEqual(got.data, { k: 'v' });
      const updated = await cms.update({ ...got, data: { k: 'w' } });
      assert.notEqual(updated.metadata?.resourceVersion, got.metadata?.resourceVersion);
      const stale = await cms.update({ ...got, data: { k: 'stale' } }).catch((e: unknown) => e);
      assert.ok(isConflict(stale));
      assert.match((stale as APIError).message, /the object has been modified/);
      const invalid = await cms.create({ metadata: {} }).catch((e: unknown) => e);
      assert.ok(isInvalid(invalid));
      assert.ok((invalid as APIError).details?.causes?.some((c) => c.field === 'metadata.name'));
      const list = await cms.list({ labelSelector: 'app=x' });
      assert.deepEqual(list.items.map((c) => c.metadata?.name), ['a']);
      await cms.delete('a');
      const missing = await cms.get('a').catch((e: unknown) => e);
      assert.ok(isNotFound(missing));
      assert.equal((missing as APIError).message, 'configmaps "a" not found');
    });

    test('patches: merge, JSON, strategic; delete preconditions; deleteCollection', async () => {
      const cms = client.configMaps(ns);
      await cms.create({ metadata: { name: 'p', labels: { group: 'g' } }, data: { a: '1' } });
      await cms.create({ metadata: { name: 'q', labels: { group: 'g' } } });
      await cms.patch('p', 'merge', { data: { b: '2' } });
      await cms.patch('p', 'json', [{ op: 'remove', path: '/data/a' }]);
      const patched = await cms.patch('p', 'strategic', { metadata: { labels: { extra: 'y' } } });
      assert.deepEqual(patched.data, { b: '2' });
      assert.deepEqual(patched.metadata?.labels, { group: 'g', extra: 'y' });
      const wrongUid = await cms.delete('p', { preconditions: { uid: 'nope' } }).catch((e: unknown) => e);
      assert.ok(isConflict(wrongUid));
      await cms.deleteCollection({ labelSelector: 'group=g' });
      assert.equal((await cms.list({ labelSelector: 'group=g' })).items.length, 0);
    });

    test('status subresource: updateStatus changes only status', async () => {
      const pods = client.pods(ns);
      const pod = await pods.create({ metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
      const withStatus: Pod = { ...pod, status: { ...pod.status, phase: 'Running' }, spec: { ...pod.spec!, nodeName: 'ignored-by-status' } };
      const updated = await pods.updateStatus(withStatus);
      assert.equal(updated.status?.phase, 'Running');
      assert.equal(updated.spec?.nodeName, undefined);
    });

    test('paging with limit and continue', async () => {
      const cms = client.configMaps(ns);
      for (let i = 0; i < 7; i++) await cms.create({ metadata: { name: `page-${i}`, labels: { paged: 'yes' } } });
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await cms.list({ labelSelector: 'paged=yes', limit: 3, continue: token });
        assert.ok(page.items.length <= 3);
        names.push(...page.items.map((c) => c.metadata!.name!));
        token = page.metadata.continue;
      } while (token);
      assert.deepEqual(names, Array.from({ length: 7 }, (_, i) => `page-${i}`));
    });

    test('a watch closed by the server (timeoutSeconds) ends as closed, after delivering events', async () => {
      const cms = client.configMaps(ns);
      const rv = (await cms.list()).metadata.resourceVersion;
      const events: WatchEvent<ConfigMap>[] = [];
      const watch = cms.watch({ resourceVersion: rv, timeoutSeconds: 1 }, (e) => events.push(e));
      await cms.create({ metadata: { name: 'watched' } });
      await cms.delete('watched');
      assert.deepEqual(await watch.done, { reason: 'closed' });
      assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED watched', 'DELETED watched']);
    });

    test('a watch from a resourceVersion the server no longer has ends as expired', async () => {
      const cms = client.configMaps(ns);
      await cms.create({ metadata: { name: 'before-reset' } });
      const rv = (await cms.list()).metadata.resourceVersion!;
      await cms.create({ metadata: { name: 'after-reset' } });
      server.forgetWatchWindow('/registry/configmaps/');
      const end = await cms.watch({ resourceVersion: rv }, () => {}).done;
      assert.equal(end.reason, 'expired');
    });
  });
}

test('a kubeconfig bearer token authenticates; a wrong one gets 401', async () => {
  const target = loadKubeconfig(server.kubeconfig);
  const anonymous = Client.fromTarget({ ...target, clientCertificatePem: undefined, clientKeyPem: undefined, token: 'wrong' }, { qps: Infinity });
  const error = await anonymous.namespaces().list().catch((e: unknown) => e);
  assert.equal((error as APIError).code, 401);
  await anonymous.close();
});

test('in-process transport: a function transport in front of the real server', async () => {
  const target = loadKubeconfig(server.kubeconfig);
  const socket = connectTransport({ server: target.server, caPem: target.certificateAuthorityPem, certPem: target.clientCertificatePem, keyPem: target.clientKeyPem });
  const seen: string[] = [];
  const client = new Client(new FunctionTransport((req) => (seen.push(`${req.method} ${req.path}`), socket.request(req))), { qps: Infinity });
  await client.configMaps('default').create({ metadata: { name: 'through-function' } });
  assert.ok(isNotFound(await client.configMaps('default').get('nope').catch((e: unknown) => e)));
  assert.deepEqual(seen, ['POST /api/v1/namespaces/default/configmaps', 'GET /api/v1/namespaces/default/configmaps/nope']);
  await client.close();
  await socket.close();
});

test('with the server down, requests fail with a NetworkError (after retrying)', async () => {
  const client = server.client({ maxRetries: 1 });
  await client.namespaces().get('default');
  await server.restart(async () => {
    const error = await client.namespaces().get('default').catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.kind, 'connect');
  });
  assert.equal((await client.namespaces().get('default')).metadata?.name, 'default', 'works again after the restart');
});

test('close() of an idle HTTP/2 client completes even when nothing else keeps the process alive', async () => {
  // In a separate process, whose event loop only the client's own connection could hold.
  const script = `
    import { Client } from ${JSON.stringify(new URL('../../src/client/client.ts', import.meta.url).pathname)};
    const client = Client.fromKubeconfig(${JSON.stringify(server.kubeconfig)}, { http2: 'always' });
    await client.namespaces().get('default');
    await client.close();
    console.log('closed');
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
  assert.equal(stdout.trim(), 'closed');
});
