// The API server benchmark, on the embedded store ('full' durability), with the load
// generated from a worker thread (its own event loop, as a separate client would be):
//   1. pod creates with 50 concurrent clients: creates/s, p50/p99 latency;
//   2. GET of single pods: p99;
//   3. LIST of 10,000 pods as JSON and as Table;
//   4. watch delivery: one write, 100 watchers, time from the write's start to each delivery;
//   5. resident memory per 10,000 pods.
// Prints each figure with its target and the ratio to it, then one JSON line.
// Targets (issue 3): ≥ 3,000 creates/s with p99 < 50 ms; LIST of 10,000 pods < 300 ms;
// watch delivery p99 < 20 ms.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startControlPlane } from '../src/cli/control-plane.js';

const PODS = 10_000;
const CLIENTS = 50;
const WATCHERS = 100;

export interface LoadRequest {
  readonly kind: 'create' | 'get' | 'list' | 'watch';
  readonly kubeconfig: string;
  readonly count: number;
  readonly concurrency: number;
  readonly accept?: string;
}

export interface LoadResult {
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly bytes?: number;
  readonly errors: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function load(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // A worker's entry cannot be TypeScript on Node 20: register tsx inside it first.
    const entry = new URL('./_apiserver-load.ts', import.meta.url).href;
    const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(source, { eval: true, workerData: request });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-apiserver-'));
  const plane = await startControlPlane({ dataDir: dir, port: 0, durability: 'full' });
  try {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;

    const creates = await load({ kind: 'create', kubeconfig: plane.kubeconfigPath, count: PODS, concurrency: CLIENTS });
    const createRate = PODS / creates.seconds;
    const createP50 = percentile(creates.latenciesMs, 50);
    const createP99 = percentile(creates.latenciesMs, 99);
    console.log(`pod creates, ${CLIENTS} clients: ${fmt(createRate, 0)}/s (target 3000: ×${fmt(createRate / 3000, 2)}), p50 ${fmt(createP50)} ms, p99 ${fmt(createP99)} ms (target < 50), errors ${creates.errors}`);

    global.gc?.();
    const rssPerTenThousand = (process.memoryUsage().rss - rssBefore) / (PODS / 10_000) / 2 ** 20;
    console.log(`resident memory for ${PODS.toLocaleString('en')} pods: ${fmt(rssPerTenThousand)} MiB per 10,000`);

    const gets = await load({ kind: 'get', kubeconfig: plane.kubeconfigPath, count: 5_000, concurrency: CLIENTS });
    const getP99 = percentile(gets.latenciesMs, 99);
    console.log(`GET of one pod, ${CLIENTS} clients: ${fmt(5_000 / gets.seconds, 0)}/s, p99 ${fmt(getP99)} ms`);

    const listJson = await load({ kind: 'list', kubeconfig: plane.kubeconfigPath, count: 5, concurrency: 1 });
    const listJsonMs = percentile(listJson.latenciesMs, 50);
    console.log(`LIST of ${PODS.toLocaleString('en')} pods as JSON: ${fmt(listJsonMs)} ms (target < 300: ×${fmt(300 / listJsonMs, 2)}), ${fmt((listJson.bytes ?? 0) / 2 ** 20)} MiB`);
    const listTable = await load({ kind: 'list', kubeconfig: plane.kubeconfigPath, count: 5, concurrency: 1, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    const listTableMs = percentile(listTable.latenciesMs, 50);
    console.log(`LIST of ${PODS.toLocaleString('en')} pods as Table: ${fmt(listTableMs)} ms (target < 300: ×${fmt(300 / listTableMs, 2)})`);

    const watch = await load({ kind: 'watch', kubeconfig: plane.kubeconfigPath, count: 50, concurrency: WATCHERS });
    const watchP99 = percentile(watch.latenciesMs, 99);
    console.log(`watch delivery, 1 write → ${WATCHERS} watchers: p50 ${fmt(percentile(watch.latenciesMs, 50), 2)} ms, p99 ${fmt(watchP99, 2)} ms (target < 20)`);

    const targetsMet = createRate >= 3000 && createP99 < 50 && listJsonMs < 300 && watchP99 < 20 && creates.errors === 0;
    console.log(
      JSON.stringify({
        bench: 'apiserver',
        creates_per_s: Math.round(createRate),
        create_p50_ms: +fmt(createP50, 2),
        create_p99_ms: +fmt(createP99, 2),
        get_p99_ms: +fmt(getP99, 2),
        list_10k_json_ms: +fmt(listJsonMs),
        list_10k_table_ms: +fmt(listTableMs),
        watch_p99_ms: +fmt(watchP99, 2),
        rss_mib_per_10k_pods: +fmt(rssPerTenThousand),
        targets_met: targetsMet,
      }),
    );
  } finally {
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
