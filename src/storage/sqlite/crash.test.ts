// Crash test: a child process writes with many concurrent writers and prints every
// acknowledged write; it is killed with SIGKILL at a random moment. Reopened, the store
// must hold every acknowledged write at its revision, and revisions 1..current with no
// hole (automatic compaction is off). Several rounds on the same file, alternating the
// durability settings (both survive a killed process).
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Durability } from './options.js';
import { openSqliteStore } from './sqlite-store.js';
import { collect, startChild } from './testing/child.js';

interface Ack {
  readonly op: 'create' | 'update' | 'delete';
  readonly key: string;
  readonly revision: number;
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubets-crash-test-'));
  await chmod(dir, 0o755);
});
after(() => rm(dir, { recursive: true, force: true }));

/** Runs the writer until a random moment 200–800 ms after its first acknowledged write, then SIGKILLs it. */
async function crashRound(path: string, durability: Durability, round: number): Promise<Ack[]> {
  const child = startChild('crash-writer.ts', [path, durability, '16', String(round)]);
  const done = collect(child);
  let killTimer: NodeJS.Timeout | undefined;
  child.stdout?.once('data', () => {
    killTimer = setTimeout(() => child.kill('SIGKILL'), 200 + Math.random() * 600);
  });
  // A child that never writes would hang the test: give up after 30 s.
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const result = await done;
  clearTimeout(guard);
  clearTimeout(killTimer);
  assert.equal(result.signal, 'SIGKILL', `the writer was killed, not ended by itself: ${result.stderr}`);
  // The last line may be cut short by the kill: only complete lines count.
  const lines = result.stdout.split('\n').slice(0, -1);
  return lines.map((line) => {
    const [op, key, revision] = line.split(' ');
    assert.ok(op === 'create' || op === 'update' || op === 'delete', `bad line ${line}`);
    return { op, key: key ?? '', revision: Number(revision) };
  });
}

async function verify(path: string, acks: readonly Ack[]): Promise<number> {
  const store = await openSqliteStore({ path, compaction: false });
  const current = await store.currentRevision();
  try {
    for (const ack of acks) {
      assert.ok(ack.revision <= current, `acknowledged revision ${ack.revision} is above the current ${current}`);
      const at = await store.get(ack.key, { atRevision: ack.revision });
      if (ack.op === 'delete') {
        assert.equal(at, undefined, `${ack.key} deleted at ${ack.revision}`);
        assert.ok(await store.get(ack.key, { atRevision: ack.revision - 1 }), `${ack.key} existed before its delete`);
      } else {
        assert.equal(at?.modRevision, ack.revision, `${ack.op} of ${ack.key} at ${ack.revision} is there`);
      }
    }
  } finally {
    await store.close();
  }
  const db = new Database(path, { readonly: true });
  try {
    const ids = db.prepare<[], { id: number }>('SELECT id FROM kv ORDER BY id').all().map((r) => r.id);
    assert.equal(ids.length, current, 'one row per revision');
    assert.equal(ids[0], 1);
    assert.equal(ids.at(-1), current);
  } finally {
    db.close();
  }
  return current;
}

test('every acknowledged write survives SIGKILL, with no hole in the revisions', { timeout: 120_000 }, async () => {
  const path = join(dir, 'store.db');
  let previous = 0;
  const rounds: Durability[] = ['full', 'process', 'full', 'process'];
  for (const [round, durability] of rounds.entries()) {
    const acks = await crashRound(path, durability, round);
    assert.ok(acks.length > 0, `round ${round}: the writer acknowledged writes before it was killed`);
    assert.equal(new Set(acks.map((a) => a.revision)).size, acks.length, 'every acknowledged write has its own revision');
    const current = await verify(path, acks);
    assert.ok(current > previous, 'each round added revisions');
    previous = current;
  }
});
