// The client benchmark: one informer over 100,000 pods. The API server runs on this
// thread; the client side runs in a worker thread (its own event loop, as a component in
// another process would):
//   1. 100,000 pods created through kubets' client (HTTP/2, 256 in flight);
//   2. an informer with a no-op handler starts: time until hasSynced (list of 100,000
//      pods, decoded, cached, delivered), and the heap it holds afterwards;
//   3. watch throughput: the informer's watch fed 100,000 MODIFIED events of those pods
//      (recorded wire format, in-process transport) — decode, cache update, handler
//      call — events/s (the API server's own write rate is bench/apiserver's business).
// Targets (issue 4): sync of 100,000 pods < 3 s; ≥ 50,000 events/s to a no-op handler.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startControlPlane } from '../src/cli/control-plane.js';

/** KUBETS_BENCH_PODS shrinks the run (for trying the benchmark out). */
export const PODS = Number(process.env['KUBETS_BENCH_PODS'] ?? 100_000);

export type ClientTask =
  | { readonly kind: 'create'; readonly kubeconfig: string; readonly count: number; readonly concurrency: number }
  | { readonly kind: 'informer'; readonly kubeconfig: string; readonly events: number };

export interface CreateResult {
  readonly seconds: number;
  readonly errors: number;
}

export interface InformerResult {
  readonly syncSeconds: number;
  readonly cached: number;
  readonly heapMiB: number;
  readonly replayEvents: number;
  readonly replaySeconds: number;
}

function inWorker<R>(task: ClientTask): Promise<R> {
  return new Promise((resolve, reject) => {
    // A worker's entry cannot be TypeScript on Node 20: register tsx inside it first.
    const entry = new URL('./_client-worker.ts', import.meta.url).href;
    const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(source, { eval: true, workerData: task });
    worker.once('message', (result: R) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the client worker exited (code ${code}) without a result`)));
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-client-'));
  const plane = await startControlPlane({ dataDir: dir, port: 0, durability: 'process' });
  try {
    const created = await inWorker<CreateResult>({ kind: 'create', kubeconfig: plane.kubeconfigPath, count: PODS, concurrency: 256 });
    console.log(`created ${PODS.toLocaleString('en')} pods in ${fmt(created.seconds)} s (${fmt(PODS / created.seconds, 0)}/s), errors ${created.errors}`);

    const informer = await inWorker<InformerResult>({ kind: 'informer', kubeconfig: plane.kubeconfigPath, events: PODS });
    const eventRate = informer.replayEvents / informer.replaySeconds;
    console.log(`informer sync of ${informer.cached.toLocaleString('en')} pods: ${fmt(informer.syncSeconds, 2)} s (target < 3: ×${fmt(3 / informer.syncSeconds, 2)})`);
    console.log(`heap held by the informer: ${fmt(informer.heapMiB)} MiB (${fmt((informer.heapMiB * 2 ** 20) / informer.cached, 0)} bytes per pod)`);
    console.log(`watch events to a no-op handler: ${fmt(eventRate, 0)}/s (target 50000: ×${fmt(eventRate / 50_000, 2)})`);

    const targetsMet = informer.cached === PODS && created.errors === 0 && informer.syncSeconds < 3 && eventRate >= 50_000;
    console.log(
      JSON.stringify({
        bench: 'client',
        pods: PODS,
        creates_per_s: Math.round(PODS / created.seconds),
        sync_s: +fmt(informer.syncSeconds, 3),
        heap_mib: +fmt(informer.heapMiB),
        events_per_s: Math.round(eventRate),
        targets_met: targetsMet,
      }),
    );
  } finally {
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
