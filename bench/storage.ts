// The storage benchmark: the same workload on the SQLite store ('full' durability) and
// on a real etcd started for the run, both on this machine's disk.
//   1. sequential creates, one writer;
//   2. compare-and-swap updates, 64 concurrent writers over 1,000 keys: each writer
//      updates a key with the revision it knows (a shared cache, as an API server's
//      watch cache would be); on ConflictError it takes the current revision from the
//      error and goes on (on etcd that is one transaction per attempt, never a read);
//   3. list of 10,000 keys;
//   4. one write observed by 100 watchers: time from the write's call to its delivery
//      to each watcher.
// Prints ops/s and p50/p99 latency per backend and the ratio SQLite/etcd, then one JSON
// line. Targets: SQLite at 64 writers ≥ 25,000 writes/s and ≥ 5× etcd; watch delivery
// p99 < 5 ms (on SQLite, the default store; etcd's is reported).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConflictError } from '../src/storage/errors.js';
import { openEtcdStore } from '../src/storage/etcd/index.js';
import { EtcdCluster, etcdAvailable } from '../src/storage/etcd/testing/etcd-process.js';
import { openSqliteStore } from '../src/storage/sqlite/index.js';
import type { Store, StoreEvent } from '../src/storage/store.js';

const VALUE = new Uint8Array(512).fill(0x61);
const CAS_WRITERS = 64;
const CAS_KEYS = 1_000;
const LIST_KEYS = 10_000;
const WATCHERS = 100;
const WATCHED_WRITES = 200;

interface Figures {
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly note?: string;
}

type Workload = 'seq_create' | 'cas64' | 'list10k' | 'watch100';
type Results = Record<Workload, Figures>;
type Backend = 'sqlite' | 'etcd';
const BACKENDS: readonly Backend[] = ['sqlite', 'etcd'];

const TITLES: Record<Workload, string> = {
  seq_create: 'sequential creates, 1 writer',
  cas64: `compare-and-swap updates, ${CAS_WRITERS} writers`,
  list10k: `list of ${LIST_KEYS.toLocaleString('en')} keys`,
  watch100: `1 write → ${WATCHERS} watchers (delivery)`,
};

export async function run(): Promise<void> {
  printMachine();
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-storage-'));
  const cluster = etcdAvailable() ? await EtcdCluster.start(1) : undefined;
  if (!cluster) console.log("etcd not on PATH (install Debian's etcd-server): no etcd figures, targets not met");
  try {
    const stores: Partial<Record<Backend, Store>> = {
      sqlite: await openSqliteStore({ path: join(dir, 'store.db'), durability: 'full', compaction: false }),
      ...(cluster && { etcd: await openEtcdStore({ endpoints: cluster.endpoints, logger: () => undefined }) }),
    };
    const results: Partial<Record<Backend, Partial<Results>>> = {};
    // Workload by workload, each backend in turn, so that both see the same machine load.
    for (const [workload, fn] of WORKLOADS) {
      for (const backend of BACKENDS) {
        const store = stores[backend];
        if (!store) continue;
        process.stdout.write(`${backend} ${workload}… `);
        (results[backend] ??= {})[workload] = await fn(store);
      }
    }
    process.stdout.write('\n');
    await Promise.all(Object.values(stores).map((store) => store.close()));
    report(results.sqlite as Results, results.etcd as Results | undefined);
  } finally {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sequentialCreates(store: Store): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < 3_000 && i < 50_000; i++) {
    const t0 = performance.now();
    await store.create(`/bench/seq/${i}`, VALUE);
    latencies.push(performance.now() - t0);
  }
  return figures(latencies.length, performance.now() - started, latencies);
}

async function casUpdates(store: Store): Promise<Figures> {
  const known = new Map<string, number>();
  const keys = Array.from({ length: CAS_KEYS }, (_, i) => `/bench/cas/${i}`);
  await inBatches(keys, 256, async (key) => known.set(key, (await store.create(key, VALUE)).modRevision));
  const latencies: number[] = [];
  let writes = 0;
  let conflicts = 0;
  const started = performance.now();
  const end = started + 5_000;
  const writer = async (): Promise<void> => {
    while (performance.now() < end) {
      const key = keys[Math.floor(Math.random() * CAS_KEYS)] as string;
      const t0 = performance.now();
      try {
        const written = await store.update(key, VALUE, known.get(key) ?? 0);
        known.set(key, written.modRevision);
        writes++;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        known.set(key, err.current.modRevision);
        conflicts++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CAS_WRITERS }, writer));
  const result = figures(writes, performance.now() - started, latencies);
  return { ...result, note: `${conflicts} conflicts` };
}

async function listKeys(store: Store): Promise<Figures> {
  const keys = Array.from({ length: LIST_KEYS }, (_, i) => `/bench/list/${String(i).padStart(5, '0')}`);
  await inBatches(keys, 256, (key) => store.create(key, VALUE));
  const latencies: number[] = [];
  const started = performance.now();
  while (performance.now() - started < 3_000 && latencies.length < 100) {
    const t0 = performance.now();
    const { items } = await store.list('/bench/list/');
    latencies.push(performance.now() - t0);
    if (items.length !== LIST_KEYS) throw new Error(`listed ${items.length} keys, not ${LIST_KEYS}`);
  }
  return figures(latencies.length, performance.now() - started, latencies);
}

async function watchFanOut(store: Store): Promise<Figures> {
  const from = await store.currentRevision();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let waiting: { key: string; left: number; done: () => void } | undefined;
  const watchers = Array.from({ length: WATCHERS }, () => store.watch('/bench/watch/', from));
  const consuming = watchers.map(async (watcher) => {
    for await (const event of watcher) received(event);
  });
  function received(event: StoreEvent): void {
    const t0 = sentAt.get(event.key);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
    if (waiting?.key === event.key && --waiting.left === 0) waiting.done();
  }
  const writeAndWait = async (key: string): Promise<void> => {
    const delivered = new Promise<void>((done) => (waiting = { key, left: WATCHERS, done }));
    sentAt.set(key, performance.now());
    await store.create(key, VALUE);
    await delivered;
  };
  // A first write to let every watch reach the live state, not measured.
  await writeAndWait('/bench/watch/warm-up');
  latencies.length = 0;
  const started = performance.now();
  for (let i = 0; i < WATCHED_WRITES; i++) await writeAndWait(`/bench/watch/${i}`);
  const elapsed = performance.now() - started;
  for (const watcher of watchers) watcher.close();
  await Promise.all(consuming);
  return figures(WATCHED_WRITES, elapsed, latencies);
}

const WORKLOADS: ReadonlyArray<readonly [Workload, (store: Store) => Promise<Figures>]> = [
  ['seq_create', sequentialCreates],
  ['cas64', casUpdates],
  ['list10k', listKeys],
  ['watch100', watchFanOut],
];

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function figures(ops: number, elapsedMs: number, latencies: number[]): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { opsPerSec: (ops * 1000) / elapsedMs, p50Ms: at(0.5), p99Ms: at(0.99) };
}

function report(sqlite: Results, etcd: Results | undefined): void {
  const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
  console.log('');
  console.log('workload                                  backend     ops/s    p50 ms   p99 ms');
  for (const workload of Object.keys(TITLES) as Workload[]) {
    for (const [name, results] of [['sqlite', sqlite], ['etcd', etcd]] as const) {
      const f = results?.[workload];
      if (!f) continue;
      const title = name === 'sqlite' ? TITLES[workload] : '';
      console.log(
        `${title.padEnd(42)}${name.padEnd(8)}${round(f.opsPerSec).toLocaleString('en').padStart(10)}` +
          `${f.p50Ms.toFixed(2).padStart(10)}${f.p99Ms.toFixed(2).padStart(9)}${f.note ? `   (${f.note})` : ''}`,
      );
    }
    if (etcd) console.log(`${''.padEnd(42)}ratio sqlite/etcd: ${(sqlite[workload].opsPerSec / etcd[workload].opsPerSec).toFixed(1)}×`);
  }
  const casRatio = etcd ? sqlite.cas64.opsPerSec / etcd.cas64.opsPerSec : 0;
  const targets = {
    sqlite_cas64_at_least_25000: sqlite.cas64.opsPerSec >= 25_000,
    sqlite_cas64_at_least_5x_etcd: etcd !== undefined && casRatio >= 5,
    sqlite_watch_p99_under_5ms: sqlite.watch100.p99Ms < 5,
  };
  console.log('');
  for (const [target, met] of Object.entries(targets)) console.log(`target ${target}: ${met ? 'met' : 'NOT met'}`);
  const json: Record<string, unknown> = { bench: 'storage' };
  for (const [name, results] of [['sqlite', sqlite], ['etcd', etcd]] as const) {
    if (!results) continue;
    for (const workload of Object.keys(TITLES) as Workload[]) {
      const f = results[workload];
      json[`${name}_${workload}_ops_per_s`] = round(f.opsPerSec);
      json[`${name}_${workload}_p50_ms`] = round(f.p50Ms, 3);
      json[`${name}_${workload}_p99_ms`] = round(f.p99Ms, 3);
    }
  }
  json.cas64_ratio_sqlite_etcd = round(casRatio, 2);
  json.load_average_1m = round(loadavg()[0] ?? 0, 2);
  json.targets_met = Object.values(targets).every(Boolean);
  console.log(JSON.stringify(json));
}

function printMachine(): void {
  const cpu = cpus();
  console.log(
    `storage benchmark, ${new Date().toISOString()}, ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
}
