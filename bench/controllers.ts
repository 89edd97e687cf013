// The controllers benchmark: what `kubets up --nodes 100` runs (API server on the embedded
// store, 100 simulated nodes, controller manager, scheduler — one process, as `up` composes
// them) and one Deployment of 3,000 replicas:
//   1. created, until all 3,000 are available (status.availableReplicas);
//   2. a rolling update (image change, default 25 % surge / unavailable), until complete as
//      `kubectl rollout status` judges it;
//   3. deleted (background propagation, as kubectl), until no pod is left.
// Pod startup: creationTimestamp → the pod seen Running and Ready by a watch (an informer on
// its own client, in a worker thread: _controllers-driver.ts drives the phases), over every
// pod of phases 1 and 2.
// Targets (issue 8): 3,000 available < 10 s; rolling update < 20 s; startup p99 < 2 s.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startComponents } from '../src/cli/components.js';
import { startControlPlane } from '../src/cli/control-plane.js';
import type { DriverData, DriverReply } from './_controllers-driver.js';

/**
 * KUBETS_BENCH_REPLICAS / KUBETS_BENCH_NODES shrink the run (for trying the benchmark out);
 * KUBETS_BENCH_DURABILITY=process runs the store without fsync (`kubets up` default: full).
 */
const durability = process.env['KUBETS_BENCH_DURABILITY'] === 'process' ? 'process' : 'full';
const REPLICAS = Number(process.env['KUBETS_BENCH_REPLICAS'] ?? 3_000);
const NODES = Number(process.env['KUBETS_BENCH_NODES'] ?? 100);

const fmt = (n: number, digits = 2) => n.toFixed(digits);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs the phases in a worker and resolves with its result. */
function drive(data: DriverData): Promise<Extract<DriverReply, { type: 'result' }>> {
  // A worker's entry cannot be TypeScript on Node 20: register tsx inside it first.
  const entry = new URL('./_controllers-driver.ts', import.meta.url).href;
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(source, { eval: true, workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: DriverReply) => {
      void worker.terminate();
      if (reply.type === 'result') resolve(reply);
      else reject(new Error(reply.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the driver exited (code ${code}) before its result`)));
  });
}

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-controllers-'));
  const plane = await startControlPlane({ dataDir: dir, port: 0, durability });
  const components = await startComponents({ kubeconfigPath: plane.kubeconfigPath, nodes: NODES, silent: true });
  try {
    console.log(`${NODES} nodes, a Deployment of ${REPLICAS.toLocaleString('en')} replicas`);
    const { available, rollout, deletion, firstPhasePods, startupsMs: startups, toBoundMs: toBound, seenToBoundMs, boundToReadyMs } = await drive({ kubeconfig: plane.kubeconfigPath, replicas: REPLICAS });
    const availableS = available.seconds;
    const rolloutS = rollout.seconds;
    const p50 = percentile(startups, 50) / 1000;
    const p99 = percentile(startups, 99) / 1000;
    console.log(`pod startup (creationTimestamp → seen Running+Ready), ${startups.length} pods: p50 ${fmt(p50)} s, p99 ${fmt(p99)} s, max ${fmt(Math.max(...startups) / 1000)} s`);
    console.log(`  of which creationTimestamp → seen bound to a node: p50 ${fmt(percentile(toBound, 50) / 1000)} s, p99 ${fmt(percentile(toBound, 99) / 1000)} s`);
    const phaseP99 = (values: number[]) => fmt(percentile(values, 99) / 1000);
    console.log(`  p99 while created ${phaseP99(startups.slice(0, firstPhasePods))} s, during the rolling update ${phaseP99(startups.slice(firstPhasePods))} s`);
    const stretch = (values: number[]) => `p50 ${fmt(percentile(values, 50) / 1000)} s, p99 ${fmt(percentile(values, 99) / 1000)} s`;
    console.log(`  first seen → seen bound: ${stretch(seenToBoundMs)}; seen bound → seen Running+Ready: ${stretch(boundToReadyMs)}`);
    console.log(`targets: available ${fmt(availableS)} s < 10 (×${fmt(10 / availableS)}), rolling update ${fmt(rolloutS)} s < 20 (×${fmt(20 / rolloutS)}), startup p99 ${fmt(p99)} s < 2 (×${fmt(2 / p99)})`);
    const targetsMet = availableS < 10 && rolloutS < 20 && p99 < 2;
    console.log(
      JSON.stringify({
        bench: 'controllers',
        nodes: NODES,
        replicas: REPLICAS,
        available_s: +fmt(availableS, 3),
        rolling_update_s: +fmt(rolloutS, 3),
        delete_s: +fmt(deletion.seconds, 3),
        available_cpu_s: +fmt(available.cpuSeconds, 3),
        rolling_update_cpu_s: +fmt(rollout.cpuSeconds, 3),
        delete_cpu_s: +fmt(deletion.cpuSeconds, 3),
        startup_pods: startups.length,
        startup_p50_s: +fmt(p50, 3),
        startup_p99_s: +fmt(p99, 3),
        to_bound_p99_s: +fmt(percentile(toBound, 99) / 1000, 3),
        durability: durability,
        load_average_1m: +fmt(loadavg()[0] ?? 0),
        targets_met: targetsMet,
      }),
    );
  } finally {
    await components.stop();
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
