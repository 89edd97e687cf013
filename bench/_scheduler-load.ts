// The load side of bench/scheduler.ts, in a worker thread: creates one workload's
// namespaces, priority classes, nodes and pods, and counts pods as they are bound (a pod
// informer, as scheduler_perf's throughput collector). Posts a LoadResult.

import { parentPort, workerData } from 'node:worker_threads';
import { Client, InformerFactory, silentLogger, type Pod } from '../src/client/index.js';
import { SETUP_NAMESPACE, TEST_NAMESPACE, WORKLOADS } from './_scheduler-workloads.js';

export interface LoadResult {
  /** From the first measured create until every measured pod is bound. */
  readonly seconds: number;
  readonly initSeconds: number;
  readonly nodeSeconds: number;
  /** Measured pods bound per second, sampled each second (upstream's SchedulingThroughput). */
  readonly samples: number[];
}

const { kubeconfig, workload: name } = workerData as { kubeconfig: string; workload: string };
const workload = WORKLOADS.find((w) => w.name === name)!;
const client = Client.fromKubeconfig(kubeconfig, { qps: 5000, burst: 5000 });

async function pool(count: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await one(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Resolves when `count` pods of `namespace` are bound; counts bound ones through `onBound`. */
function boundCounter(informers: InformerFactory) {
  const bound = new Map<string, number>();
  const waiters: { namespace: string; count: number; resolve: () => void }[] = [];
  const seen = new Set<string>();
  const note = (pod: Pod) => {
    const ns = pod.metadata?.namespace ?? '';
    const key = `${ns}/${pod.metadata?.name ?? ''}`;
    if (!pod.spec?.nodeName || seen.has(key)) return;
    seen.add(key);
    bound.set(ns, (bound.get(ns) ?? 0) + 1);
    for (const w of waiters) if (w.namespace === ns && (bound.get(ns) ?? 0) >= w.count) w.resolve();
  };
  informers.pods().addEventHandler({ onAdd: note, onUpdate: (_old, pod) => note(pod) });
  return {
    count: (namespace: string) => bound.get(namespace) ?? 0,
    waitFor: (namespace: string, count: number) =>
      new Promise<void>((resolve) => {
        if ((bound.get(namespace) ?? 0) >= count) resolve();
        else waiters.push({ namespace, count, resolve });
      }),
  };
}

const started = performance.now();
for (const ns of [SETUP_NAMESPACE, TEST_NAMESPACE]) await client.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
for (const pc of workload.priorityClasses ?? []) {
  await client.resource({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' }).create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc.name }, value: pc.value } as never);
}
await pool(workload.nodes, 50, (i) => client.nodes().create(workload.node(i)));
const nodeSeconds = (performance.now() - started) / 1000;

const informers = new InformerFactory(client, { logger: silentLogger });
const counter = boundCounter(informers);
informers.start();
await informers.waitForCacheSync();

const initStarted = performance.now();
await pool(workload.initPods, 50, (i) => client.pods(SETUP_NAMESPACE).create(workload.initPod(i)));
await counter.waitFor(SETUP_NAMESPACE, workload.initPods);
const initSeconds = (performance.now() - initStarted) / 1000;

const samples: number[] = [];
let last = 0;
const sampler = setInterval(() => {
  const now = counter.count(TEST_NAMESPACE);
  samples.push(now - last);
  last = now;
}, 1000);
const measureStarted = performance.now();
await pool(workload.measurePods, 50, (i) => client.pods(TEST_NAMESPACE).create(workload.measurePod(i)));
await counter.waitFor(TEST_NAMESPACE, workload.measurePods);
const seconds = (performance.now() - measureStarted) / 1000;
clearInterval(sampler);

await informers.shutdown();
await client.close();
const result: LoadResult = { seconds, initSeconds, nodeSeconds, samples };
parentPort!.postMessage(result);
