// The SQLite backend: the shared Store contract, then what is particular to SQLite:
// group commit, durability settings, compaction (manual and automatic), and the
// refusal to open a file that is corrupt, foreign, locked or not writable.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { bytes, iterate, rejectsWith, take, text } from '../contract-support.testing.js';
import { runStoreContract } from '../contract.testing.js';
import { seeded } from '../contract-watch.testing.js';
import type { StoreFixture } from '../contract.testing.js';
import { CompactedError, ConflictError, StoreOpenError, StoreUnavailableError, WatchOverflowError } from '../errors.js';
import type { StoredValue } from '../store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import type { SqliteStoreOptions } from './options.js';
import { runChild } from './testing/child.js';

let root = '';
let counter = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'kubets-sqlite-test-'));
  // Readable by `nobody`, for the tests that open as another user.
  await chmod(root, 0o755);
});
after(() => rm(root, { recursive: true, force: true }));

async function freshDir(): Promise<string> {
  const dir = join(root, `case-${++counter}`);
  await mkdir(dir, { mode: 0o755 });
  return dir;
}

async function fixture(options: Partial<SqliteStoreOptions> = {}): Promise<StoreFixture & { path: string }> {
  const dir = await freshDir();
  const path = join(dir, 'store.db');
  const open = (): Promise<SqliteStore> => openSqliteStore({ compaction: false, ...options, path });
  let store = await open();
  return {
    path,
    store,
    async reopen() {
      await store.close();
      store = await open();
      return store;
    },
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runStoreContract('sqlite', () => fixture());

/** Runs `body` on a fresh SQLite store and cleans up. */
function withStore(body: (store: SqliteStore, f: StoreFixture & { path: string }) => Promise<void>, options?: Partial<SqliteStoreOptions>) {
  return async () => {
    const f = await fixture(options);
    try {
      await body(f.store as SqliteStore, f);
    } finally {
      await f.cleanup();
    }
  };
}

describe('sqlite: group commit', () => {
  test(
    'writes issued in one turn of the event loop share one transaction',
    withStore(async (store) => {
      const before = store.stats();
      const writes = Array.from({ length: 100 }, (_, i) => store.create(`/g/${i}`, bytes('x')));
      await Promise.all(writes);
      const after = store.stats();
      assert.equal(after.commits - before.commits, 1);
      assert.equal(after.writes - before.writes, 100);
      // Writes issued in separate turns commit separately.
      await store.create('/g/a', bytes('x'));
      await store.create('/g/b', bytes('x'));
      assert.equal(store.stats().commits - after.commits, 2);
    }),
  );

  test(
    'conflicts inside one batch are decided in order, each write seeing the ones before it',
    withStore(async (store) => {
      const base = await store.currentRevision();
      const before = store.stats().commits;
      const outcomes = await Promise.allSettled([
        store.create('/b/k', bytes('1')),
        store.update('/b/k', bytes('2'), base + 1),
        store.update('/b/k', bytes('3'), base + 1),
        store.create('/b/k', bytes('4')),
        store.delete('/b/k', base + 2),
        store.create('/b/k', bytes('5')),
      ]);
      assert.equal(store.stats().commits - before, 1);
      const value = (o: PromiseSettledResult<unknown>): unknown =>
        o.status === 'fulfilled' ? (o.value as StoredValue).modRevision ?? (o.value as { revision: number }).revision : (o.reason as Error).constructor.name;
      assert.deepEqual(outcomes.map(value), [base + 1, base + 2, 'ConflictError', 'KeyExistsError', base + 3, base + 4]);
      const conflict = outcomes[2];
      assert.ok(conflict?.status === 'rejected' && conflict.reason instanceof ConflictError);
      assert.equal(conflict.reason.current.modRevision, base + 2);
      assert.equal(text((await store.get('/b/k'))?.value), '5');
    }),
  );
});

describe('sqlite: failures while running', () => {
  test('a batch that fails in SQLite is rolled back whole: every write in it is rejected, nothing is written', async () => {
    const f = await fixture();
    try {
      await f.store.create('/x/before', bytes('x'));
      await f.store.close();
      // Fault injection: the database refuses one key.
      const db = new Database(f.path);
      db.exec("CREATE TRIGGER refuse BEFORE INSERT ON kv WHEN NEW.key = '/x/fail' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
      db.close();
      const store = await f.reopen();
      const revision = await store.currentRevision();
      const outcomes = await Promise.allSettled([
        store.create('/x/a', bytes('a')),
        store.create('/x/fail', bytes('f')),
        store.create('/x/b', bytes('b')),
      ]);
      for (const outcome of outcomes) {
        assert.ok(outcome.status === 'rejected' && outcome.reason instanceof StoreUnavailableError, String(outcome.status));
        assert.match((outcome.reason as Error).message, /injected failure/);
      }
      assert.equal(await store.currentRevision(), revision);
      assert.deepEqual((await store.list('/x/')).items.map((i) => i.key), ['/x/before']);
      // The next batch continues with the next revision: no hole.
      assert.equal((await store.create('/x/c', bytes('c'))).modRevision, revision + 1);
    } finally {
      await f.cleanup();
    }
  });
});

describe('sqlite: watchers', () => {
  test(
    'watchers that end (closed, overflowed, failed, abandoned by break) leave the hub',
    withStore(async (store) => {
      const from = await seeded(store);
      await store.create('/w/first', bytes('x'));
      const closed = store.watch('/w/', 0);
      const overflowing = store.watch('/w/', 0, { bufferSize: 1 });
      const compacted = store.watch('/w/', from);
      const broken = store.watch('/w/', 0);
      assert.equal(store.stats().watchers, 4);
      closed.close();
      await store.create('/w/a', bytes('x'));
      await store.create('/w/b', bytes('x'));
      await store.compact(await store.currentRevision());
      await rejectsWith(iterate(compacted).next(), CompactedError);
      for await (const event of broken) if (event.key === '/w/a') break;
      assert.equal(store.stats().watchers, 0);
      // The overflowed watcher still hands out what it buffered, then its error.
      assert.equal((await take(iterate(overflowing), 1))[0]?.key, '/w/a');
      await rejectsWith(iterate(overflowing).next(), WatchOverflowError);
    }),
  );
});

describe('sqlite: durability and locking settings', () => {
  test(
    "'full' (the default) syncs the WAL of every commit before acknowledging it",
    withStore(async (store) => {
      assert.deepEqual(store.settings(), { journalMode: 'wal', synchronous: 'NORMAL', lockingMode: 'exclusive', walSyncedPerCommit: true });
      assert.equal(store.durability, 'full');
    }),
  );

  test(
    "'process' uses synchronous=NORMAL in WAL mode and acknowledges at commit",
    withStore(
      async (store) => {
        assert.deepEqual(store.settings(), { journalMode: 'wal', synchronous: 'NORMAL', lockingMode: 'exclusive', walSyncedPerCommit: false });
      },
      { durability: 'process' },
    ),
  );
});

/** Rows of the kv table, read with a connection of its own (the store must be closed). */
function tableRows(path: string): Array<{ id: number; key: string; deleted: number }> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { id: number; key: string; deleted: number }>('SELECT id, key, deleted FROM kv ORDER BY id').all();
  } finally {
    db.close();
  }
}

describe('sqlite: compaction', () => {
  test('compact deletes superseded rows and tombstones, keeping the newest row of each live key', async () => {
    const f = await fixture();
    try {
      const store = f.store;
      let a = await store.create('/c/a', bytes('0'));
      for (let i = 1; i <= 2500; i++) a = await store.update('/c/a', bytes(String(i)), a.modRevision);
      await store.create('/c/b', bytes('b'));
      await store.delete('/c/b');
      const keep = await store.create('/c/c', bytes('c'));
      const newer = await store.update('/c/a', bytes('last'), a.modRevision);
      await store.compact(keep.modRevision);
      await store.close();
      // /c/a's newest row at the compacted revision, /c/c, and /c/a's row above it.
      assert.deepEqual(tableRows(f.path).map((r) => [r.id, r.key, r.deleted]), [
        [a.modRevision, '/c/a', 0],
        [keep.modRevision, '/c/c', 0],
        [newer.modRevision, '/c/a', 0],
      ]);
    } finally {
      await f.cleanup();
    }
  });

  test(
    'a watch replaying history fails with CompactedError when compaction overtakes it',
    withStore(async (store) => {
      const from = await seeded(store);
      let a = await store.create('/h/a', bytes('0'));
      for (let i = 1; i < 1200; i++) a = await store.update('/h/a', bytes(String(i)), a.modRevision);
      const events = iterate(store.watch('/h/', from));
      await take(events, 10);
      await store.compact(a.modRevision);
      // The page of history already read is delivered; the next read finds it compacted.
      await rejectsWith(take(events, 1200), CompactedError);
    }),
  );

  test('automatic compaction keeps at least minRevisions and minAgeMs of history', async () => {
    let now = 0;
    const f = await fixture({ compaction: { minRevisions: 100, minAgeMs: 1000, intervalMs: 3_600_000, now: () => now } });
    try {
      const store = f.store as SqliteStore;
      const write = (n: number, tag: string) => Promise.all(Array.from({ length: n }, (_, i) => store.create(`/a/${tag}/${i}`, bytes('x'))));
      await write(300, 't0');
      await store.runAutoCompaction();
      assert.equal(await store.compactedRevision(), 0, 'nothing is old enough yet');
      now = 1000;
      await store.runAutoCompaction();
      assert.equal(await store.compactedRevision(), 200, 'limited by minRevisions');
      await write(50, 't1000');
      now = 1500;
      await store.runAutoCompaction();
      assert.equal(await store.compactedRevision(), 250, 'limited by minRevisions');
      now = 2000;
      await write(200, 't2000');
      await store.runAutoCompaction();
      assert.equal(await store.compactedRevision(), 300, 'limited by minAgeMs: 300 was current 1000 ms ago');
      now = 2500;
      await store.runAutoCompaction();
      assert.equal(await store.compactedRevision(), 350, 'limited by minAgeMs: 350 was current 1000 ms ago');
    } finally {
      await f.cleanup();
    }
  });

  test('automatic compaction runs on its timer', async () => {
    const f = await fixture({ compaction: { minRevisions: 10, minAgeMs: 0, intervalMs: 10 } });
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => f.store.create(`/t/${i}`, bytes('x'))));
      const deadline = Date.now() + 10_000;
      while ((await f.store.compactedRevision()) < 40 && Date.now() < deadline) await sleep(10);
      assert.equal(await f.store.compactedRevision(), 40);
    } finally {
      await f.cleanup();
    }
  });
});

describe('sqlite: reopening', () => {
  test('rows an interrupted compaction left are deleted by the next compaction', async () => {
    const f = await fixture();
    try {
      let a = await f.store.create('/i/a', bytes('0'));
      for (let i = 1; i <= 10; i++) a = await f.store.update('/i/a', bytes(String(i)), a.modRevision);
      await f.store.close();
      // As if the process died right after recording compaction at a's revision.
      const db = new Database(f.path);
      db.prepare("UPDATE meta SET value = ? WHERE name = 'compacted'").run(a.modRevision);
      db.close();
      const store = await f.reopen();
      assert.equal(await store.compactedRevision(), a.modRevision);
      await store.create('/i/b', bytes('b'));
      await store.compact(await store.currentRevision());
      await store.close();
      assert.deepEqual(tableRows(f.path).map((r) => r.key), ['/i/a', '/i/b']);
    } finally {
      await f.cleanup();
    }
  });

  test('the current revision survives when compaction removed the newest row', async () => {
    const f = await fixture();
    try {
      await f.store.create('/r/a', bytes('x'));
      const gone = await f.store.delete('/r/a');
      await f.store.compact(gone.revision);
      const reopened = await f.reopen();
      assert.equal(await reopened.currentRevision(), gone.revision);
      assert.equal((await reopened.create('/r/b', bytes('y'))).modRevision, gone.revision + 1);
    } finally {
      await f.cleanup();
    }
  });
});

/** A digest of every file in `dir`, to show a failed open left it untouched. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    files[name] = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
  }
  return files;
}

async function expectOpenError(path: string, ...fragments: string[]): Promise<void> {
  const err = await rejectsWith(openSqliteStore({ path, compaction: false }), StoreOpenError);
  assert.ok(err.message.includes(path), `the message names the file: ${err.message}`);
  for (const fragment of fragments) assert.ok(err.message.includes(fragment), `the message says "${fragment}": ${err.message}`);
}

/** A closed store with some data, to damage. */
async function storeFile(): Promise<{ dir: string; path: string }> {
  const dir = await freshDir();
  const path = join(dir, 'store.db');
  const store = await openSqliteStore({ path, compaction: false });
  await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(`/d/${i}`, new Uint8Array(1000).fill(i % 256))));
  await store.close();
  return { dir, path };
}

describe('sqlite: files it must not open', () => {
  test('a file that is not a database: clear error, file untouched', async () => {
    const dir = await freshDir();
    const path = join(dir, 'store.db');
    await writeFile(path, Buffer.alloc(8192, 'this is not a database '));
    const before = await snapshot(dir);
    await expectOpenError(path, 'not a SQLite database');
    assert.deepEqual(await snapshot(dir), before);
  });

  test('a store file with a damaged page: clear error, file untouched', async () => {
    const { dir, path } = await storeFile();
    const content = await readFile(path);
    content.fill(0xa5, 4096 * 3, 4096 * 5);
    await writeFile(path, content);
    const before = await snapshot(dir);
    await expectOpenError(path, 'corrupt');
    assert.deepEqual(await snapshot(dir), before);
  });

  test('a SQLite database of another application: refused, untouched', async () => {
    const dir = await freshDir();
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada')");
    other.close();
    const before = await snapshot(dir);
    await expectOpenError(path, 'another application');
    assert.deepEqual(await snapshot(dir), before);
  });

  test('a store held open by this process cannot be opened a second time', async () => {
    const f = await fixture();
    try {
      await f.store.create('/l/a', bytes('x'));
      await expectOpenError(f.path, 'locked by another process');
      assert.equal(text((await f.store.get('/l/a'))?.value), 'x', 'the first store is unaffected');
    } finally {
      await f.cleanup();
    }
  });

  test('a store held open by another process fails fast with a clear error', async () => {
    const f = await fixture();
    try {
      const started = Date.now();
      const result = await runChild('open-probe.ts', [f.path]);
      assert.equal(result.code, 1, result.stderr);
      const outcome = JSON.parse(result.stdout) as { ok: boolean; code: string; message: string };
      assert.equal(outcome.code, 'OpenFailed');
      assert.match(outcome.message, /locked by another process/);
      assert.ok(outcome.message.includes(f.path));
      assert.ok(Date.now() - started < 20_000);
      // Once closed, another process can open it.
      await f.store.close();
      assert.equal((await runChild('open-probe.ts', [f.path])).code, 0);
    } finally {
      await f.cleanup();
    }
  });

  test('a directory that does not exist: clear error, nothing created', async () => {
    const dir = await freshDir();
    const path = join(dir, 'missing', 'store.db');
    await expectOpenError(path, 'does not exist');
    assert.deepEqual(await readdir(dir), []);
  });

  test('a directory that is not writable: clear error, nothing created', async () => {
    const dir = await freshDir();
    await chmod(dir, 0o555);
    const path = join(dir, 'store.db');
    const result = await runChild('open-probe.ts', [path], { unprivileged: true });
    assert.equal(result.code, 1, result.stderr);
    const outcome = JSON.parse(result.stdout) as { code: string; message: string };
    assert.equal(outcome.code, 'OpenFailed');
    assert.ok(outcome.message.includes(path), outcome.message);
    assert.match(outcome.message, /is not writable/);
    assert.deepEqual(await readdir(dir), []);
  });

  test('a store file that is not writable: clear error, file untouched', async () => {
    const { dir, path } = await storeFile();
    await chmod(dir, 0o777);
    await chmod(path, 0o444);
    const before = await snapshot(dir);
    const result = await runChild('open-probe.ts', [path], { unprivileged: true });
    assert.equal(result.code, 1, result.stderr);
    const outcome = JSON.parse(result.stdout) as { code: string; message: string };
    assert.equal(outcome.code, 'OpenFailed');
    assert.ok(outcome.message.includes(path), outcome.message);
    assert.match(outcome.message, /file is not writable/);
    assert.deepEqual(await snapshot(dir), before);
  });

  test('a path that is a directory: clear error', async () => {
    const dir = await freshDir();
    await expectOpenError(dir, 'not a regular file');
  });
});
