import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError, notFound } from '../../machinery/errors.js';
import { FakeClock } from '../clock.js';
import { NetworkError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { LeaderElectionConfigError, LeaderElector } from './leader-elector.js';
import type { LeaderElectionRecord, ResourceLock } from './lock.js';

/** One stored lock object with a version, as the API server keeps a Lease. */
class LockObject {
  record: LeaderElectionRecord | undefined;
  version = 0;
  writes = 0;
}

/** A candidate's view of the lock: optimistic concurrency on the version it last saw. */
class MemoryLock implements ResourceLock {
  private seen = -1;
  partitioned = false;

  constructor(
    private readonly object: LockObject,
    readonly identity: string,
  ) {}

  describe(): string {
    return 'ns/lock';
  }

  private check(): void {
    if (this.partitioned) throw new NetworkError('connect', 'GET', '/lease', 'unreachable');
  }

  async get(): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.check();
    if (this.object.record === undefined) throw notFound({ group: 'coordination.k8s.io', resource: 'leases' }, 'lock');
    this.seen = this.object.version;
    return { record: this.object.record, raw: `${this.object.version}` };
  }

  async create(record: LeaderElectionRecord): Promise<void> {
    this.check();
    if (this.object.record !== undefined) throw new APIError(409, 'AlreadyExists', 'exists');
    this.write(record);
  }

  async update(record: LeaderElectionRecord): Promise<void> {
    this.check();
    if (this.seen !== this.object.version) throw new APIError(409, 'Conflict', 'the object has been modified');
    this.write(record);
  }

  private write(record: LeaderElectionRecord): void {
    this.object.record = record;
    this.seen = ++this.object.version;
    this.object.writes++;
  }
}

function candidate(object: LockObject, identity: string, clock: FakeClock, log: string[]) {
  const lock = new MemoryLock(object, identity);
  const elector = new LeaderElector({
    lock,
    clock,
    logger: silentLogger,
    random: () => 0,
    callbacks: {
      onStartedLeading: () => void log.push(`${identity} started`),
      onStoppedLeading: () => void log.push(`${identity} stopped`),
      onNewLeader: (leader) => void log.push(`${identity} sees ${leader || '(none)'}`),
    },
  });
  return { lock, elector, done: elector.run() };
}

test('the first candidate creates the lease, leads and renews it every retry period', async () => {
  const clock = new FakeClock(0);
  const object = new LockObject();
  const log: string[] = [];
  const a = candidate(object, 'a', clock, log);
  await clock.advance(0);
  assert.equal(a.elector.isLeader(), true);
  assert.deepEqual(log, ['a sees a', 'a started']);
  assert.equal(object.record?.leaseDurationSeconds, 15);
  assert.equal(object.record?.leaderTransitions, 0);
  await clock.advance(10_000);
  assert.equal(object.writes, 7, 'acquired and renewed at once (as upstream), then renewed every 2 s');
  assert.equal(object.record?.renewTime, 10_000);
  assert.equal(object.record?.acquireTime, 0);
  await a.elector.stop();
  await a.done;
  assert.equal(object.record?.holderIdentity, '');
  assert.equal(object.record?.leaseDurationSeconds, 1);
  assert.deepEqual(log.slice(2), ['a stopped']);
  assert.equal(clock.pendingTimers(), 0);
});

test('release still happens when a renewal landed after its answer was lost', async () => {
  const clock = new FakeClock(0);
  const object = new LockObject();
  const a = candidate(object, 'a', clock, []);
  await clock.advance(0);
  assert.equal(a.elector.isLeader(), true);
  // The server applied a renewal whose response never came back: the lease is still a's,
  // at a version a has not seen.
  object.version++;
  await a.elector.stop();
  await a.done;
  assert.equal(object.record?.holderIdentity, '');
  assert.equal(object.record?.leaseDurationSeconds, 1);
});

test('one leader at a time; after the leader stops, the other takes over within one retry', async () => {
  const clock = new FakeClock(0);
  const object = new LockObject();
  const log: string[] = [];
  const a = candidate(object, 'a', clock, log);
  await clock.advance(0);
  const b = candidate(object, 'b', clock, log);
  for (let t = 0; t < 60; t++) {
    await clock.advance(1000);
    assert.equal(a.elector.isLeader(), true);
    assert.equal(b.elector.isLeader(), false);
  }
  assert.ok(log.includes('b sees a'));
  await a.elector.stop();
  await clock.advance(2_000);
  assert.equal(b.elector.isLeader(), true);
  assert.equal(object.record?.holderIdentity, 'b');
  assert.equal(object.record?.leaderTransitions, 1);
  assert.ok(log.includes('b started'));
  await b.elector.stop();
  await Promise.all([a.done, b.done]);
  assert.equal(clock.pendingTimers(), 0);
});

test('a partitioned leader steps down after the renew deadline; the other waits out the lease', async () => {
  const clock = new FakeClock(0);
  const object = new LockObject();
  const log: string[] = [];
  const a = candidate(object, 'a', clock, log);
  await clock.advance(0);
  const b = candidate(object, 'b', clock, log);
  await clock.advance(5_000);
  const lastRenewal = object.record!.renewTime;
  a.lock.partitioned = true;
  await clock.advance(9_000);
  assert.equal(log.includes('a stopped'), false, 'still within the renew deadline');
  await clock.advance(3_000);
  assert.ok(log.includes('a stopped'), 'gave up after the renew deadline');
  assert.equal(b.elector.isLeader(), false);
  // b observed a's last renewal at most one retry after it happened; it may take over only
  // after a full lease duration from then.
  await clock.advance(lastRenewal + 15_000 - clock.now() - 1);
  assert.equal(b.elector.isLeader(), false);
  await clock.advance(2_000 + 1);
  assert.equal(b.elector.isLeader(), true);
  assert.equal(object.record?.holderIdentity, 'b');
  await b.elector.stop();
  await Promise.all([a.done, b.done]);
});

test('stop while campaigning ends run() and calls onStoppedLeading', async () => {
  const clock = new FakeClock(0);
  const object = new LockObject();
  const log: string[] = [];
  const a = candidate(object, 'a', clock, log);
  await clock.advance(0);
  const b = candidate(object, 'b', clock, log);
  await clock.advance(3_000);
  await b.elector.stop();
  await b.done;
  assert.equal(b.elector.state, 'stopped');
  assert.ok(log.includes('b stopped'));
  assert.equal(object.record?.holderIdentity, 'a', 'a non-leader releases nothing');
  await a.elector.stop();
});

test('a throwing callback is logged and does not stop the election', async () => {
  const clock = new FakeClock(0);
  const errors: string[] = [];
  const elector = new LeaderElector({
    lock: new MemoryLock(new LockObject(), 'a'),
    clock,
    logger: { ...silentLogger, error: (m) => errors.push(m) },
    callbacks: {
      onStartedLeading: () => {
        throw new Error('boom');
      },
      onStoppedLeading: () => {},
    },
  });
  const done = elector.run();
  await clock.advance(5_000);
  assert.equal(elector.isLeader(), true);
  assert.deepEqual(errors, ['onStartedLeading failed']);
  await elector.stop();
  await done;
});

test('timings are validated', () => {
  const lock = new MemoryLock(new LockObject(), 'a');
  const callbacks = { onStartedLeading: () => {}, onStoppedLeading: () => {} };
  assert.throws(() => new LeaderElector({ lock, callbacks, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), LeaderElectionConfigError);
  assert.throws(() => new LeaderElector({ lock, callbacks, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 }), LeaderElectionConfigError);
});
