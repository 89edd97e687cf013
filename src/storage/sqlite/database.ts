// Opening the database file: refuse what must not be touched (a corrupt file, a foreign
// database, a file another kubets holds, a place we cannot write), take the exclusive
// lock, set the pragmas, create the schema.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../errors.js';

/** Marks a SQLite file as a kubets store (PRAGMA application_id, "kube" in ASCII). */
const APPLICATION_ID = 0x6b756265;
/** Version of the table layout below (PRAGMA user_version). */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE kv (
    id INTEGER PRIMARY KEY,           -- the revision of the write
    key TEXT NOT NULL,
    create_revision INTEGER NOT NULL, -- revision that created the key (kept on update and delete)
    prev_revision INTEGER NOT NULL,   -- the row this one supersedes; 0 for a create
    deleted INTEGER NOT NULL,         -- 1: a tombstone
    value BLOB                        -- NULL for a tombstone
  );
  CREATE UNIQUE INDEX kv_key_id ON kv (key, id);
  CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (name, value) VALUES ('compacted', 0), ('compact_progress', 0);
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${SCHEMA_VERSION};
`;

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** Revision of the newest write. */
  readonly currentRevision: number;
  /** Reads and watches below this revision fail. */
  readonly compactedRevision: number;
  /** Compaction has deleted rows up to here; below compactedRevision after a crash mid-compaction. */
  readonly compactProgress: number;
}

/** Opens (creating when missing) the store database at `path`. Throws StoreOpenError. */
export function openDatabase(path: string): OpenedDatabase {
  checkAccess(path);
  let db: Database.Database;
  try {
    // timeout 0: a file locked by another process fails at once instead of waiting.
    db = new Database(path, { timeout: 0 });
  } catch (err) {
    throw openError(path, err);
  }
  try {
    // Before the first read, so that the lock taken is held until close (and WAL mode
    // keeps its index in process memory: no -shm file).
    db.pragma('locking_mode = EXCLUSIVE');
    const isNew = checkIdentity(db, path);
    if (!isNew) checkIntegrity(db, path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreOpenError(`cannot open the store database ${path}: it cannot be switched to WAL mode (journal_mode is ${String(mode)})`);
    // NORMAL for both: with 'full' the group committer syncs the WAL itself, off the
    // event loop, before it acknowledges a commit (see group-commit.ts).
    db.pragma('synchronous = NORMAL');
    if (isNew) db.transaction(() => db.exec(SCHEMA))();
    return { db, ...readState(db) };
  } catch (err) {
    db.close();
    throw err instanceof StoreOpenError ? err : openError(path, err);
  }
}

/** Clear messages for the common cases, before SQLite reports them less clearly. */
function checkAccess(path: string): void {
  const dir = dirname(path);
  if (!isDirectory(dir)) throw new StoreOpenError(`cannot open the store database ${path}: directory ${dir} does not exist`);
  // The WAL file is created beside the database, so the directory must be writable too.
  if (!canWrite(dir)) throw new StoreOpenError(`cannot open the store database ${path}: directory ${dir} is not writable`);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (!stat.isFile()) throw new StoreOpenError(`cannot open the store database ${path}: not a regular file`);
  if (!canWrite(path)) throw new StoreOpenError(`cannot open the store database ${path}: the file is not writable`);
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** True for an empty database; throws for a database that is not a kubets store of this version. */
function checkIdentity(db: Database.Database, path: string): boolean {
  const appId = db.pragma('application_id', { simple: true });
  const version = db.pragma('user_version', { simple: true });
  const objects = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get()?.n ?? 0;
  if (appId === 0 && objects === 0) return true;
  if (appId !== APPLICATION_ID) {
    throw new StoreOpenError(`cannot open the store database ${path}: it is a SQLite database of another application, not a kubets store`);
  }
  if (version !== SCHEMA_VERSION) {
    throw new StoreOpenError(`cannot open the store database ${path}: its layout version is ${String(version)}, this kubets reads version ${SCHEMA_VERSION}`);
  }
  return false;
}

function checkIntegrity(db: Database.Database, path: string): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new StoreOpenError(`cannot open the store database ${path}: the database file is corrupt (${problems.slice(0, 3).join('; ')})`);
  }
}

function readState(db: Database.Database): Omit<OpenedDatabase, 'db'> {
  const meta = new Map(db.prepare<[], { name: string; value: number }>('SELECT name, value FROM meta').all().map((r) => [r.name, r.value]));
  const compactedRevision = meta.get('compacted') ?? 0;
  const compactProgress = meta.get('compact_progress') ?? 0;
  const newest = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM kv').get()?.id ?? 0;
  // Compaction may have removed the newest row (a tombstone), never a row above its revision.
  return { currentRevision: Math.max(newest, compactedRevision), compactedRevision, compactProgress };
}

/** What went wrong, in words, with SQLite's own code and message. */
function openError(path: string, err: unknown): StoreOpenError {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const cause = typeof code === 'string' ? describeSqliteCode(code) : undefined;
  const detail = cause === undefined ? message : `${cause} (${String(code)}: ${message})`;
  return new StoreOpenError(`cannot open the store database ${path}: ${detail}`, { cause: err });
}

function describeSqliteCode(code: string): string | undefined {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'the database is locked by another process (is another kubets running on the same data?)';
  }
  if (code.startsWith('SQLITE_NOTADB')) return 'the file is not a SQLite database (corrupt, or another format)';
  if (code.startsWith('SQLITE_CORRUPT')) return 'the database file is corrupt';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return 'the file or its directory cannot be opened for writing';
  }
  if (code.startsWith('SQLITE_FULL')) return 'the disk is full';
  if (code.startsWith('SQLITE_IOERR')) return 'an I/O error occurred';
  return undefined;
}
