// Reads at a revision: get, list (paginated), count, and the history a watch replays.
// Each is one synchronous query, so it sees exactly the batches committed before it.
import { CompactedError, FutureRevisionError } from '../errors.js';
import type { ListOptions, ListResult, StoredValue, StoreEvent } from '../store.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { historyEvent } from './events.js';
import { prefixRange } from './key-range.js';
import type { KeyRange } from './key-range.js';
import { rangeAt } from './statements.js';
import type { Statements } from './statements.js';
import type { StoreState } from './state.js';

export class Reader {
  constructor(
    private readonly sql: Statements,
    private readonly state: StoreState,
  ) {}

  get(key: string, atRevision: number | undefined): StoredValue | undefined {
    const revision = this.readableRevision(atRevision);
    const row = this.sql.latest.get(key, revision);
    if (row === undefined || row.deleted === 1 || row.value === null) return undefined;
    return { key, value: row.value, createRevision: row.create_revision, modRevision: row.id };
  }

  list(prefix: string, options: ListOptions): ListResult {
    const token = options.continue ? decodeContinue(options.continue, prefix) : undefined;
    const revision = this.readableRevision(token?.revision ?? options.atRevision);
    const full = prefixRange(prefix);
    const range = token ? { start: token.startKey, end: full.end } : full;
    const limit = options.limit && options.limit > 0 ? options.limit : -1;
    // One row more than asked tells whether another page follows.
    const rows = this.sql.list.all({ ...rangeAt(range, revision), limit: limit < 0 ? -1 : limit + 1 });
    const items = rows.map((r) => ({ key: r.key, value: r.value, createRevision: r.create_revision, modRevision: r.id }));
    const last = items[limit - 1];
    if (limit < 0 || rows.length <= limit || last === undefined) return { items, revision };
    items.length = limit;
    const startKey = `${last.key}\0`;
    const remaining = this.sql.count.get(rangeAt({ start: startKey, end: full.end }, revision))?.n ?? 0;
    return { items, revision, continue: encodeContinue({ revision, startKey }), remaining };
  }

  count(prefix: string): number {
    return this.sql.count.get(rangeAt(prefixRange(prefix), this.state.current))?.n ?? 0;
  }

  /** Up to `limit` changes under `range` in (after, upto], oldest first. Callers check compaction first. */
  history(range: KeyRange, after: number, upto: number, limit: number): StoreEvent[] {
    return this.sql.history.all({ start: range.start, end: range.end, after, upto, limit }).map(historyEvent);
  }

  /** The revision to read at: the current one for 0/absent; throws when compacted or in the future. */
  private readableRevision(requested: number | undefined): number {
    if (!requested) return this.state.current;
    if (requested > this.state.current) throw new FutureRevisionError(requested, this.state.current);
    if (requested < this.state.compacted) throw new CompactedError(requested, this.state.compacted);
    return requested;
  }
}
