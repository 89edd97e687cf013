// Test child of crash.test.ts: writes to the SQLite store at argv[2] with `argv[4]`
// concurrent writers until it is killed, and prints every acknowledged write as one
// line "<op> <key> <revision>". Only acknowledged writes are printed, and only after
// their promise resolved, so every printed write must survive the kill.
// argv: path durability writers round
import { openSqliteStore } from '../sqlite-store.js';
import type { Durability } from '../options.js';

const [path = '', durability = 'full', writers = '16', round = '0'] = process.argv.slice(2);
const store = await openSqliteStore({ path, durability: durability as Durability, compaction: false });
const encoder = new TextEncoder();

function ack(op: string, key: string, revision: number): void {
  // stdout is a pipe: writes to it are synchronous on Linux, so a printed line is out
  // of this process before the next write starts.
  process.stdout.write(`${op} ${key} ${revision}\n`);
}

async function writer(id: number): Promise<never> {
  for (let n = 0; ; n++) {
    const key = `/crash/r${round}/w${id}/k${n}`;
    const value = encoder.encode(`${key} `.repeat(20));
    const created = await store.create(key, value);
    ack('create', key, created.modRevision);
    const updated = await store.update(key, value, created.modRevision);
    ack('update', key, updated.modRevision);
    if (n % 2 === 0) {
      const deleted = await store.delete(key, updated.modRevision);
      ack('delete', key, deleted.revision);
    }
  }
}

await Promise.all(Array.from({ length: Number(writers) }, (_, i) => writer(i)));
