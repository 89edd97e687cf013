// The embedded SQLite backend of the Store.
export { openSqliteStore, SqliteStore } from './sqlite-store.js';
export type { SqliteSettings } from './sqlite-store.js';
export type { AutoCompactionOptions, Durability, SqliteStoreOptions } from './options.js';
