// Options of the SQLite store and their defaults.

/**
 * What an acknowledged write survives:
 * - 'full': loss of power (WAL synced on every commit, synchronous=FULL);
 * - 'process': a killed process, not an OS crash (synchronous=NORMAL in WAL mode).
 */
export type Durability = 'full' | 'process';

/** Automatic compaction: history is kept for at least both limits. */
export interface AutoCompactionOptions {
  /** Revisions always kept below the current one. Default 1000. */
  readonly minRevisions?: number;
  /** Revisions written in the last this many milliseconds are kept. Default 5 minutes. */
  readonly minAgeMs?: number;
  /** How often to compact. Default 1 minute. */
  readonly intervalMs?: number;
  /** The clock (milliseconds); tests inject one. Default Date.now. */
  readonly now?: () => number;
}

export interface SqliteStoreOptions {
  /** The database file; created when missing (its directory must exist). */
  readonly path: string;
  /** Default 'full'. */
  readonly durability?: Durability;
  /** Automatic compaction settings, or false to compact only on request. */
  readonly compaction?: AutoCompactionOptions | false;
}

export const DEFAULT_COMPACTION = {
  minRevisions: 1000,
  minAgeMs: 5 * 60_000,
  intervalMs: 60_000,
} as const;
