// The etcd backend against a real etcd: the shared Store contract, then what is
// particular to etcd (one transaction per compare-and-swap, key prefixes, compaction
// learned from etcd). Faults and TLS are in etcd-faults.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bytes, iterate, rejectsWith, take, text } from '../contract-support.testing.js';
import { runStoreContract } from '../contract.testing.js';
import type { StoreFixture } from '../contract.testing.js';
import { CompactedError, ConflictError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES } from '../store.js';
import type { Store } from '../store.js';
import { openEtcdStore } from './open.js';
import { EtcdCluster, skipWithoutEtcd } from './testing/etcd-process.js';

const skip = skipWithoutEtcd();

describe('etcd store', { skip }, () => {
  let cluster: EtcdCluster;
  let cases = 0;
  const logged: string[] = [];

  before(async () => {
    cluster = await EtcdCluster.start(1);
  });
  after(() => cluster.stop());

  /** A store on the shared cluster, under a prefix no other case uses. */
  const open = (prefix = `/case-${++cases}/`): Promise<Store> =>
    openEtcdStore({ endpoints: cluster.endpoints, prefix, logger: (m) => logged.push(m) });

  async function fixture(): Promise<StoreFixture> {
    const prefix = `/case-${++cases}/`;
    let store = await open(prefix);
    return {
      store,
      async reopen() {
        await store.close();
        store = await open(prefix);
        return store;
      },
      cleanup: () => store.close(),
    };
  }

  runStoreContract('etcd', fixture);

  describe('etcd specifics', () => {
    test('compare-and-swap is one Txn: a conflicting update or delete sends no other request', async () => {
      const store = await open();
      try {
        const created = await store.create('/a', bytes('one'));
        await store.update('/a', bytes('two'), created.modRevision);
        const member = cluster.first;
        const [txns, ranges] = [await member.grpcCallsStarted('Txn'), await member.grpcCallsStarted('Range')];
        const conflict = await rejectsWith(store.update('/a', bytes('three'), created.modRevision), ConflictError);
        assert.equal(text(conflict.current.value), 'two');
        await rejectsWith(store.delete('/a', created.modRevision), ConflictError);
        assert.equal(await member.grpcCallsStarted('Txn'), txns + 2);
        assert.equal(await member.grpcCallsStarted('Range'), ranges);
      } finally {
        await store.close();
      }
    });

    test('concurrent updates expecting one revision send one Txn; the others conflict with its value', async () => {
      const store = await open();
      try {
        const created = await store.create('/hot', bytes('0'));
        const txns = await cluster.first.grpcCallsStarted('Txn');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.update('/hot', bytes(`v${i}`), created.modRevision)),
        );
        assert.equal(await cluster.first.grpcCallsStarted('Txn'), txns + 1);
        const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        assert.equal(won.length, 1);
        const winner = won[0];
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          const err = outcome.reason as unknown;
          assert.ok(err instanceof ConflictError);
          assert.deepEqual([text(err.current.value), err.current.modRevision], [text(winner?.value), winner?.modRevision]);
        }
        assert.equal((await store.get('/hot'))?.modRevision, winner?.modRevision);
      } finally {
        await store.close();
      }
    });

    test('concurrent gets of one key share one Range, and see every write acknowledged before them', async () => {
      const store = await open();
      try {
        const created = await store.create('/read', bytes('1'));
        const ranges = await cluster.first.grpcCallsStarted('Range');
        const values = await Promise.all(Array.from({ length: 50 }, () => store.get('/read')));
        assert.equal(await cluster.first.grpcCallsStarted('Range'), ranges + 1);
        assert.ok(values.every((v) => v?.modRevision === created.modRevision));
        const updated = await store.update('/read', bytes('2'), created.modRevision);
        assert.equal((await store.get('/read'))?.modRevision, updated.modRevision);
      } finally {
        await store.close();
      }
    });

    test('a value over the limit is refused before anything is sent; one at the limit is stored', async () => {
      const store = await open();
      try {
        const txns = await cluster.first.grpcCallsStarted('Txn');
        await rejectsWith(store.create('/big', new Uint8Array(MAX_VALUE_BYTES + 1)), ValueTooLargeError);
        assert.equal(await cluster.first.grpcCallsStarted('Txn'), txns);
        // The test etcd allows requests a little over 1.5 MiB (see etcd-process.ts).
        const atLimit = await store.create('/max', new Uint8Array(MAX_VALUE_BYTES).fill(1));
        assert.equal((await store.get('/max'))?.value.byteLength, MAX_VALUE_BYTES);
        assert.equal(atLimit.value.byteLength, MAX_VALUE_BYTES);
      } finally {
        await store.close();
      }
    });

    test('stores under different prefixes share a cluster without seeing each other', async () => {
      const [one, two] = [await open('/tenant-1/'), await open('/tenant-2/')];
      try {
        const from = await one.currentRevision();
        const watchOne = iterate(one.watch('', from));
        await one.create('/x', bytes('one'));
        await two.create('/x', bytes('two'));
        await one.create('/y', bytes('one'));
        assert.deepEqual((await one.list('')).items.map((i) => [i.key, text(i.value)]), [['/x', 'one'], ['/y', 'one']]);
        assert.deepEqual((await two.list('')).items.map((i) => [i.key, text(i.value)]), [['/x', 'two']]);
        assert.equal(await two.count(''), 1);
        assert.equal(text((await two.get('/x'))?.value), 'two');
        // The watch of "" in the first store sees its own two writes and not the other's.
        assert.deepEqual((await take(watchOne, 2)).map((c) => [c.key, c.value]), [['/x', 'one'], ['/y', 'one']]);
        await watchOne.return?.();
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });

    test('the compacted revision is learned from etcd, whoever compacted', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const a = await one.create('/a', bytes('1'));
        const b = await one.update('/a', bytes('2'), a.modRevision);
        await one.update('/a', bytes('3'), b.modRevision);
        await two.compact(b.modRevision);
        assert.equal(await one.compactedRevision(), b.modRevision);
        const err = await rejectsWith(one.get('/a', { atRevision: a.modRevision }), CompactedError);
        assert.deepEqual([err.requestedRevision, err.compactedRevision], [a.modRevision, b.modRevision]);
        // A store opened later knows it too.
        const three = await open();
        assert.equal(await three.compactedRevision(), b.modRevision);
        await three.close();
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });
});
