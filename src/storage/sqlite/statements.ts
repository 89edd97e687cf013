// Every SQL statement of the store, prepared once at open. The queries are index lookups
// on kv(key, id) or ranges on the primary key (id = revision).
import type Database from 'better-sqlite3';
import type { KeyRange } from './key-range.js';

/** The newest row of a key at or below a revision. */
export interface LatestRow {
  readonly id: number;
  readonly create_revision: number;
  readonly deleted: number;
  readonly value: Buffer | null;
}

/** A live key in a list. */
export interface ListRow {
  readonly key: string;
  readonly id: number;
  readonly create_revision: number;
  readonly value: Buffer;
}

/** A row of history with the value it superseded. */
export interface HistoryRow {
  readonly id: number;
  readonly key: string;
  readonly create_revision: number;
  readonly prev_revision: number;
  readonly deleted: number;
  readonly value: Buffer | null;
  readonly prev_value: Buffer | null;
}

interface RangeAt {
  readonly start: string;
  readonly end: string | Buffer;
  readonly revision: number;
}

export interface Statements {
  readonly begin: Database.Statement<[]>;
  readonly commit: Database.Statement<[]>;
  readonly rollback: Database.Statement<[]>;
  readonly latest: Database.Statement<[key: string, revision: number], LatestRow>;
  readonly insert: Database.Statement<
    [id: number, key: string, createRevision: number, prevRevision: number, deleted: number, value: Buffer | null]
  >;
  readonly list: Database.Statement<[RangeAt & { limit: number }], ListRow>;
  readonly count: Database.Statement<[RangeAt], { n: number }>;
  readonly history: Database.Statement<[{ start: string; end: string | Buffer; after: number; upto: number; limit: number }], HistoryRow>;
  readonly setMeta: Database.Statement<[{ name: string; value: number }]>;
  /** Deletes the rows superseded by rows in (lo, hi]. */
  readonly deleteSuperseded: Database.Statement<[{ lo: number; hi: number }]>;
  /** Deletes the tombstones in (lo, hi]. */
  readonly deleteTombstones: Database.Statement<[{ lo: number; hi: number }]>;
}

/** The rows of live keys in a range at a revision: the newest row of each key, unless a tombstone. */
const LIVE_AT = `
  FROM kv AS r
  WHERE r.key >= @start AND r.key < @end AND r.id <= @revision AND r.deleted = 0
    AND NOT EXISTS (SELECT 1 FROM kv AS n WHERE n.key = r.key AND n.id > r.id AND n.id <= @revision)`;

export function prepareStatements(db: Database.Database): Statements {
  return {
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    latest: db.prepare('SELECT id, create_revision, deleted, value FROM kv WHERE key = ? AND id <= ? ORDER BY id DESC LIMIT 1'),
    insert: db.prepare('INSERT INTO kv (id, key, create_revision, prev_revision, deleted, value) VALUES (?, ?, ?, ?, ?, ?)'),
    list: db.prepare(`SELECT r.key, r.id, r.create_revision, r.value ${LIVE_AT} ORDER BY r.key LIMIT @limit`),
    count: db.prepare(`SELECT count(*) AS n ${LIVE_AT}`),
    history: db.prepare(`
      SELECT r.id, r.key, r.create_revision, r.prev_revision, r.deleted, r.value, p.value AS prev_value
      FROM kv AS r LEFT JOIN kv AS p ON p.id = r.prev_revision
      WHERE r.id > @after AND r.id <= @upto AND r.key >= @start AND r.key < @end
      ORDER BY r.id LIMIT @limit`),
    setMeta: db.prepare('UPDATE meta SET value = @value WHERE name = @name'),
    deleteSuperseded: db.prepare(
      'DELETE FROM kv WHERE id IN (SELECT prev_revision FROM kv WHERE id > @lo AND id <= @hi AND prev_revision > 0)',
    ),
    deleteTombstones: db.prepare('DELETE FROM kv WHERE id > @lo AND id <= @hi AND deleted = 1'),
  };
}

/** Named parameters of a range query. */
export function rangeAt(range: KeyRange, revision: number): RangeAt {
  return { start: range.start, end: range.end, revision };
}
