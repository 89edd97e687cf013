// The scheduler benchmark, in the manner of upstream's scheduler_perf: for each workload
// (bench/_scheduler-workloads.ts) a fresh kubets API server on the embedded store, the
// scheduler in a worker thread (its own event loop, as its own process would have), and
// the load — nodes, initial pods, measured pods, and a pod informer counting bindings — in
// another. The figure is the measured pods' scheduling rate: pods bound per second from
// the first measured create until the last one is bound.
// Target (issue 7): every workload at least upstream's CI threshold, SchedulingBasic at
// least 1,000 pods/s. `npm run bench -- scheduler [workload…]` runs some of them.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startControlPlane } from '../src/cli/control-plane.js';
import type { LoadResult } from './_scheduler-load.js';
import { WORKLOADS, type Workload } from './_scheduler-workloads.js';

const BASIC_TARGET = 1000;

/** Starts a TypeScript worker (Node 20 needs tsx registered inside the worker first). */
function tsWorker(file: string, data: unknown): Worker {
  const entry = new URL(file, import.meta.url).href;
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(source, { eval: true, workerData: data });
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

interface Outcome {
  readonly workload: Workload;
  readonly rate: number;
  readonly load: LoadResult;
}

async function runWorkload(workload: Workload): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-scheduler-'));
  const plane = await startControlPlane({ dataDir: dir, port: 0 });
  const scheduler = tsWorker('./_scheduler-worker.ts', { kubeconfig: plane.kubeconfigPath });
  try {
    await nextMessage(scheduler);
    const loader = tsWorker('./_scheduler-load.ts', { kubeconfig: plane.kubeconfigPath, workload: workload.name });
    const load = await nextMessage<LoadResult>(loader);
    await loader.terminate();
    return { workload, rate: workload.measurePods / load.seconds, load };
  } finally {
    scheduler.postMessage('stop');
    await nextMessage(scheduler);
    await scheduler.terminate();
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export async function run(args: readonly string[]): Promise<void> {
  const unknown = args.filter((a) => !WORKLOADS.some((w) => w.name === a));
  if (unknown.length > 0) {
    console.error(`no workload ${unknown.join(', ')}; workloads: ${WORKLOADS.map((w) => w.name).join(', ')}`);
    process.exit(2);
  }
  const chosen = args.length > 0 ? WORKLOADS.filter((w) => args.includes(w.name)) : WORKLOADS;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const outcomes: Outcome[] = [];
  for (const workload of chosen) {
    const outcome = await runWorkload(workload);
    outcomes.push(outcome);
    const { load } = outcome;
    const peak = Math.max(0, ...load.samples);
    console.log(
      `${workload.name} ${workload.nodes}/${workload.initPods}/${workload.measurePods}: ${fmt(outcome.rate)} pods/s ` +
        `(upstream threshold ${workload.threshold}: ×${fmt(outcome.rate / workload.threshold, 2)}), peak ${peak}/s; ` +
        `nodes created in ${fmt(load.nodeSeconds, 1)} s, initial pods scheduled in ${fmt(load.initSeconds, 1)} s`,
    );
  }
  const figures: Record<string, number> = {};
  for (const o of outcomes) figures[`${o.workload.name}_pods_per_s`] = Math.round(o.rate);
  const basic = outcomes.find((o) => o.workload.name === 'SchedulingBasic');
  const targetsMet =
    outcomes.length === WORKLOADS.length && outcomes.every((o) => o.rate >= o.workload.threshold) && basic !== undefined && basic.rate >= BASIC_TARGET;
  console.log(JSON.stringify({ bench: 'scheduler', ...figures, targets_met: targetsMet }));
}
