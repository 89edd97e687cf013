// Two leader candidates on one coordination.k8s.io/v1 Lease of a real kubets: one leader
// at any moment, hand-over within the renew deadline when the leader stops (it releases
// the lease), and after a full lease duration when it vanishes without releasing.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LeaderElector } from '../../src/client/leaderelection/leader-elector.js';
import { LeaseLock } from '../../src/client/leaderelection/lease-lock.js';
import { silentLogger } from '../../src/client/logger.js';
import type { Client } from '../../src/client/client.js';
import { eventually, TestServer } from './support.js';

let server: TestServer;
let client: Client;
before(async () => {
  server = await TestServer.start();
  client = server.client();
});
after(async () => {
  await server?.stop();
});

const TIMINGS = { leaseDurationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 500 };

function candidate(lease: string, identity: string, releaseOnCancel = true) {
  const log: string[] = [];
  const elector = new LeaderElector({
    lock: new LeaseLock(client.leases('kube-system'), 'kube-system', lease, identity),
    ...TIMINGS,
    releaseOnCancel,
    logger: silentLogger,
    callbacks: {
      onStartedLeading: () => void log.push('started'),
      onStoppedLeading: () => void log.push('stopped'),
      onNewLeader: (leader) => void log.push(`leader ${leader}`),
    },
  });
  return { identity, elector, log, done: elector.run() };
}

/** Samples both candidates until `ms` has passed, failing if both ever think they lead. */
async function watchExclusive(a: ReturnType<typeof candidate>, b: ReturnType<typeof candidate>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    assert.ok(!(a.elector.isLeader() && b.elector.isLeader()), 'two leaders at once');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('two candidates: one leads; when it stops, the other takes over within the renew deadline', async () => {
  const a = candidate('ctrl', 'a');
  const b = candidate('ctrl', 'b');
  await eventually(() => a.elector.isLeader() || b.elector.isLeader(), 5_000, 'a leader');
  await watchExclusive(a, b, 4_000);
  const [leader, follower] = a.elector.isLeader() ? [a, b] : [b, a];
  assert.deepEqual(leader.log.slice(0, 2), [`leader ${leader.identity}`, 'started']);
  assert.ok(follower.log.includes(`leader ${leader.identity}`));

  const lease = await client.leases('kube-system').get('ctrl');
  assert.equal(lease.spec?.holderIdentity, leader.identity);
  assert.equal(lease.spec?.leaseDurationSeconds, 3);

  const stopped = Date.now();
  await leader.elector.stop();
  await eventually(() => follower.elector.isLeader(), TIMINGS.renewDeadlineMs, 'the hand-over');
  assert.ok(Date.now() - stopped < TIMINGS.renewDeadlineMs);
  assert.ok(leader.log.includes('stopped'));
  const after = await client.leases('kube-system').get('ctrl');
  assert.equal(after.spec?.holderIdentity, follower.identity);
  assert.equal(after.spec?.leaseTransitions, (lease.spec?.leaseTransitions ?? 0) + 1);
  await follower.elector.stop();
  await Promise.all([a.done, b.done]);
});

test('a leader that vanishes without releasing is replaced only after the lease duration', async () => {
  const a = candidate('crash', 'a', false);
  await eventually(() => a.elector.isLeader(), 5_000, 'a leads');
  const b = candidate('crash', 'b');
  await new Promise((r) => setTimeout(r, 1_000));
  const vanished = Date.now();
  await a.elector.stop(); // no release: as if the process died
  assert.equal((await client.leases('kube-system').get('crash')).spec?.holderIdentity, 'a');
  await eventually(() => b.elector.isLeader(), 10_000, 'the take-over');
  const waited = Date.now() - vanished;
  // b saw a's last renewal at most one retry period before a vanished.
  assert.ok(waited >= TIMINGS.leaseDurationMs - TIMINGS.retryPeriodMs - 100, `took over after ${waited} ms`);
  await b.elector.stop();
  await Promise.all([a.done, b.done]);
});
