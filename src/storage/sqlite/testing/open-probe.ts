// Test child: tries to open the SQLite store at argv[2] and prints the outcome as one
// JSON line ({ ok } or { ok: false, code, message }); exits 1 when the open failed.
// Used by sqlite.test.ts to open from another process or as another user.
import { StoreError } from '../../errors.js';
import { openSqliteStore } from '../sqlite-store.js';

const path = process.argv[2] ?? '';
try {
  const store = await openSqliteStore({ path, compaction: false });
  await store.close();
  console.log(JSON.stringify({ ok: true }));
} catch (err) {
  const code = err instanceof StoreError ? err.code : 'unexpected';
  console.log(JSON.stringify({ ok: false, code, message: err instanceof Error ? err.message : String(err) }));
  process.exitCode = 1;
}
