// The group committer with per-commit WAL sync: nobody hears of a batch (caller, watch
// hub, reads) before its sync, batches committed during a sync share the next one, and a
// failed sync rejects the writes it covered and every write after it. The sync is the
// real fdatasync of the -wal file, held back by a gate the test opens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '../errors.js';
import type { StoreEvent } from '../store.js';
import { openDatabase } from './database.js';
import { GroupCommitter, walFileSync, type WalSync } from './group-commit.js';
import { Reader } from './reader.js';
import { prepareStatements } from './statements.js';
import type { StoreState } from './state.js';

/** The real WAL sync, each call held until the test lets it go (or fails it). */
class GatedSync implements WalSync {
  readonly real: WalSync;
  calls = 0;
  private gates: Array<{ open: () => void; fail: (e: Error) => void }> = [];
  constructor(path: string) {
    this.real = walFileSync(path);
  }
  async sync(): Promise<void> {
    this.calls++;
    await new Promise<void>((open, fail) => this.gates.push({ open, fail }));
    await this.real.sync();
  }
  close(): Promise<void> {
    return this.real.close();
  }
  release(): void {
    for (const g of this.gates.splice(0)) g.open();
  }
  failAll(): void {
    for (const g of this.gates.splice(0)) g.fail(new Error('EIO: i/o error, fdatasync'));
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-group-commit-'));
  const path = join(dir, 'store.db');
  const { db, currentRevision } = openDatabase(path);
  const sql = prepareStatements(db);
  const state: StoreState = { current: currentRevision, compacted: 0, compactProgress: 0, closed: false };
  const published: number[] = [];
  const gate = new GatedSync(path);
  const committer = new GroupCommitter(db, sql, state, (events: readonly StoreEvent[]) => published.push(...events.map((e) => e.revision)), gate);
  const reader = new Reader(sql, state);
  const cleanup = async () => {
    await gate.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { committer, reader, state, published, gate, cleanup };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a committed batch is answered, published and readable only after its WAL sync; batches committed meanwhile share the next sync', async () => {
  const { committer, reader, state, published, gate, cleanup } = setup();
  try {
    const settled: string[] = [];
    const first = committer.create('/a', Buffer.from('1')).then((v) => settled.push(`a@${v.modRevision}`));
    await tick();
    assert.equal(gate.calls, 1, 'the first batch is committed and waits for its sync');
    const second = committer.create('/b', Buffer.from('2')).then((v) => settled.push(`b@${v.modRevision}`));
    const third = committer.update('/a', Buffer.from('3'), 1).then((v) => settled.push(`a@${v.modRevision}`));
    await tick();
    await tick();
    assert.deepEqual(settled, []);
    assert.deepEqual(published, []);
    assert.equal(state.current, 0);
    assert.equal(reader.get('/a', undefined), undefined, 'reads do not see a write before it is durable');
    gate.release();
    await first;
    await tick();
    assert.equal(gate.calls, 2, 'the second and third writes, committed during the first sync, share one');
    gate.release();
    await Promise.all([second, third]);
    assert.deepEqual(settled, ['a@1', 'b@2', 'a@3']);
    assert.deepEqual(published, [1, 2, 3]);
    assert.equal(state.current, 3);
    assert.equal(reader.get('/a', undefined)?.value.toString(), '3');
    await committer.idle();
  } finally {
    await cleanup();
  }
});

test('a failed WAL sync rejects the writes it covered and every later write', async () => {
  const { committer, state, published, gate, cleanup } = setup();
  try {
    const write = committer.create('/a', Buffer.from('1'));
    await tick();
    gate.failAll();
    await assert.rejects(write, (err: unknown) => err instanceof StoreUnavailableError && /syncing the write-ahead log: EIO/.test(err.message));
    await assert.rejects(committer.create('/b', Buffer.from('2')), StoreUnavailableError);
    assert.deepEqual(published, []);
    assert.equal(state.current, 0);
    await committer.idle();
  } finally {
    await cleanup();
  }
});
