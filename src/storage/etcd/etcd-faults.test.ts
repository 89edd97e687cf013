// The etcd backend when things go wrong: etcd unreachable at start, etcd lost while
// running, failover between members, and TLS. Each case runs its own etcd.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { bytes, iterate, Recorder, rejectsWith, take, text } from '../contract-support.testing.js';
import { StoreOpenError, StoreUnavailableError } from '../errors.js';
import type { Store, StoreEvent } from '../store.js';
import { openEtcdStore } from './open.js';
import type { EtcdStoreOptions } from './options.js';
import { EtcdCluster, freePort, skipWithoutEtcd } from './testing/etcd-process.js';
import { makeTlsFiles, opensslAvailable } from './testing/tls-files.js';

const skip = skipWithoutEtcd();

/** Opens a store that logs into `logs`. */
function openLogged(options: EtcdStoreOptions, logs: string[]): Promise<Store> {
  return openEtcdStore({ ...options, logger: (m) => logs.push(m) });
}

/** Retries `fn` while it fails with StoreUnavailableError, as a caller of the store would. */
async function eventually<T>(fn: () => Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError) || Date.now() > deadline) throw err;
      await sleep(50);
    }
  }
}

describe('etcd store faults', { skip }, () => {
  test('etcd unreachable at start: retries while saying so, then StoreOpenError naming the endpoints', async () => {
    const endpoints = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const logs: string[] = [];
    const started = Date.now();
    const err = await rejectsWith(openLogged({ endpoints, startupTimeoutMs: 700, connectTimeoutMs: 200 }, logs), StoreOpenError);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 700 && elapsed < 5_000, `gave up after ${elapsed} ms`);
    for (const endpoint of endpoints) assert.match(err.message, new RegExp(endpoint.replace(/\./g, '\\.')));
    assert.match(err.message, /ECONNREFUSED/);
    assert.ok(logs.length >= 2, `retries are logged: ${JSON.stringify(logs)}`);
    assert.match(logs[0] ?? '', /not reachable .*retrying in \d+ ms/);
  });

  test('etcd that comes up while the store waits for it is used', async () => {
    const cluster = await EtcdCluster.create(1);
    try {
      const logs: string[] = [];
      const opening = openLogged({ endpoints: cluster.endpoints, startupTimeoutMs: 20_000 }, logs);
      await sleep(400);
      await cluster.startAll();
      const store = await opening;
      await store.create('/a', bytes('x'));
      assert.equal(text((await store.get('/a'))?.value), 'x');
      assert.ok(logs.some((m) => /not reachable/.test(m)));
      assert.ok(logs.some((m) => /reached etcd/.test(m)));
      await store.close();
    } finally {
      await cluster.stop();
    }
  });

  test('etcd lost while running: calls fail as retriable; after it returns nothing is lost and watches resume without gap', async () => {
    const cluster = await EtcdCluster.start(1);
    const logs: string[] = [];
    const store = await openLogged({ endpoints: cluster.endpoints, requestTimeoutMs: 2_000 }, logs);
    try {
      const rec = new Recorder(store);
      const from = await store.currentRevision();
      const events = iterate(store.watch('/x/', from));
      let previous: number | undefined;
      for (let i = 0; i < 5; i++) previous = await rec.create(`/x/before-${i}`, `b${i}`);
      assert.equal((await take(events, 5)).at(-1)?.revision, previous);

      await cluster.first.kill();
      const err = await rejectsWith(store.create('/x/while-down', bytes('x')), StoreUnavailableError);
      assert.equal(err.retriable, true);
      assert.match(err.message, new RegExp(cluster.endpoints[0]?.replace(/\./g, '\\.') ?? ''));
      await rejectsWith(store.get('/x/before-0'), StoreUnavailableError);
      await rejectsWith(store.list('/x/'), StoreUnavailableError);

      await cluster.first.restart();
      await eventually(() => store.currentRevision());
      for (let i = 0; i < 5; i++) await rec.create(`/x/after-${i}`, `a${i}`);
      // Every acknowledged write is there; the refused one is not.
      assert.deepEqual(
        (await store.list('/x/')).items.map((i) => i.key),
        [...Array.from({ length: 5 }, (_, i) => `/x/after-${i}`), ...Array.from({ length: 5 }, (_, i) => `/x/before-${i}`)],
      );
      // The watch resumed after the last event it had delivered: the writes made after the
      // restart, nothing twice, nothing missing.
      assert.deepEqual(await take(events, 5), rec.changes('/x/', previous ?? 0));
      assert.ok(logs.some((m) => /watch on "\/x\/" lost etcd/.test(m)), JSON.stringify(logs));
      assert.ok(logs.some((m) => /watch on "\/x\/" resumed/.test(m)), JSON.stringify(logs));
      await events.return?.();
    } finally {
      await store.close();
      await cluster.stop();
    }
  });

  test('a dead endpoint listed first: the store fails over to the live one for calls and watches', async () => {
    const cluster = await EtcdCluster.start(1);
    const dead = `http://127.0.0.1:${await freePort()}`;
    const store = await openEtcdStore({ endpoints: [dead, ...cluster.endpoints], logger: () => undefined });
    try {
      const from = await store.currentRevision();
      const events = iterate(store.watch('/f/', from));
      const a = await store.create('/f/a', bytes('1'));
      await store.update('/f/a', bytes('2'), a.modRevision);
      assert.deepEqual((await take(events, 2)).map((e) => e.value), ['1', '2']);
      await events.return?.();
    } finally {
      await store.close();
      await cluster.stop();
    }
  });

  test('three members: losing the one in use moves calls and watches to the others, without gap or duplicate', async () => {
    const cluster = await EtcdCluster.start(3);
    const logs: string[] = [];
    const store = await openLogged({ endpoints: cluster.endpoints, requestTimeoutMs: 3_000 }, logs);
    try {
      const from = await store.currentRevision();
      const watcher = store.watch('/m/', from);
      const seen: StoreEvent[] = [];
      const consumed = (async () => {
        for await (const event of watcher) seen.push(event);
      })();
      // Writes keep going, retried when the store says etcd is unavailable, while the
      // first member (the one the store uses first) is killed halfway.
      let written = 0;
      for (let i = 0; i < 40; i++) {
        if (i === 20) await cluster.first.kill();
        await eventually(() => store.create(`/m/k${String(i).padStart(2, '0')}`, bytes(`v${i}`)).catch(acceptIfWritten(store, i)));
        written++;
      }
      const current = await store.currentRevision();
      const deadline = Date.now() + 15_000;
      while (seen.length < written && Date.now() < deadline) await sleep(20);
      watcher.close();
      await consumed;
      // Only this test writes: the events are exactly the revisions from+1..current, once each.
      assert.deepEqual(seen.map((e) => e.revision), Array.from({ length: current - from }, (_, i) => from + 1 + i));
      assert.deepEqual(seen.map((e) => e.key), Array.from({ length: 40 }, (_, i) => `/m/k${String(i).padStart(2, '0')}`));
      assert.ok(logs.some((m) => m.includes(`lost etcd at ${cluster.endpoints[0]}`)), JSON.stringify(logs));
    } finally {
      await store.close();
      await cluster.stop();
    }
  });

  test('TLS with a client certificate; without one the store cannot open', { skip: skipWithoutOpenssl() }, async () => {
    const tls = makeTlsFiles();
    const cluster = await EtcdCluster.start(1, {
      scheme: 'https',
      extraArgs: ['--cert-file', tls.serverCert, '--key-file', tls.serverKey, '--trusted-ca-file', tls.ca, '--client-cert-auth'],
    });
    try {
      // Files by path and by content both work.
      const { readFileSync } = await import('node:fs');
      const store = await openEtcdStore({
        endpoints: cluster.endpoints,
        tls: { ca: tls.ca, cert: readFileSync(tls.clientCert, 'utf8'), key: tls.clientKey },
        logger: () => undefined,
      });
      await store.create('/t', bytes('secret'));
      assert.equal(text((await store.get('/t'))?.value), 'secret');
      await store.close();
      const refused = openEtcdStore({ endpoints: cluster.endpoints, tls: { ca: tls.ca }, startupTimeoutMs: 500, logger: () => undefined });
      await rejectsWith(refused, StoreOpenError);
      await rejectsWith(openEtcdStore({ endpoints: cluster.endpoints, tls: { ca: '/nonexistent/ca.pem' } }), StoreOpenError);
    } finally {
      await cluster.stop();
      tls.remove();
    }
  });
});

/**
 * A create whose first try failed after it may have reached etcd can find its own write
 * on the next try: KeyExistsError with the value it wrote counts as done.
 */
function acceptIfWritten(store: Store, i: number): (err: unknown) => Promise<void> {
  return async (err) => {
    const existing = await store.get(`/m/k${String(i).padStart(2, '0')}`).catch(() => undefined);
    if (existing && text(existing.value) === `v${i}`) return;
    throw err;
  };
}

function skipWithoutOpenssl(): string | false {
  if (opensslAvailable()) return false;
  const reason = 'openssl not on PATH; install Debian\'s openssl';
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true does not allow skipping)`);
  return reason;
}
