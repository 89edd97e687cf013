// The controllers benchmark: what `kubets up --nodes 100` runs (API server on the embedded
// store, 100 simulated nodes, controller manager, scheduler — one process, as `up` composes
// them) and one Deployment of 3,000 replicas:
//   1. created, until all 3,000 are available (status.availableReplicas);
//   2. a rolling update (image change, default 25 % surge / unavailable), until complete as
//      `kubectl rollout status` judges it;
//   3. deleted (background propagation, as kubectl), until no pod is left.
// Pod startup: creationTimestamp → the pod seen Running and Ready by a watch (an informer in
// this process, on its own client), over every pod of phases 1 and 2.
// Targets (issue 8): 3,000 available < 10 s; rolling update < 20 s; startup p99 < 2 s.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startComponents } from '../src/cli/components.js';
import { startControlPlane } from '../src/cli/control-plane.js';
import { Client, InformerFactory, silentLogger, type Pod, type SharedInformer } from '../src/client/index.js';
import { DEPLOYMENTS, type Deployment } from '../src/controllers/deployment/types.js';

/**
 * KUBETS_BENCH_REPLICAS / KUBETS_BENCH_NODES shrink the run (for trying the benchmark out);
 * KUBETS_BENCH_DURABILITY=process runs the store without fsync (`kubets up` default: full).
 */
const durability = process.env['KUBETS_BENCH_DURABILITY'] === 'process' ? 'process' : 'full';
const REPLICAS = Number(process.env['KUBETS_BENCH_REPLICAS'] ?? 3_000);
const NODES = Number(process.env['KUBETS_BENCH_NODES'] ?? 100);
const NAMESPACE = 'default';
const NAME = 'bench';
/** A phase that takes longer than this has failed. */
const PHASE_LIMIT_MS = 180_000;

const fmt = (n: number, digits = 2) => n.toFixed(digits);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const isReady = (pod: Pod) => pod.status?.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/**
 * Per pod, creationTimestamp → first seen Running and Ready (wall-clock ms), and the part of
 * it until the pod was first seen bound to a node (scheduling) — where the time goes.
 */
class StartupTracker {
  readonly latenciesMs: number[] = [];
  readonly toBoundMs: number[] = [];
  /** performance.now() when the latest new pod was first seen. */
  lastNewPodAt = 0;
  private readonly seen = new Set<string>();
  private readonly bound = new Set<string>();
  private readonly known = new Set<string>();

  constructor(pods: SharedInformer<Pod>) {
    const observe = (pod: Pod) => {
      const uid = pod.metadata?.uid ?? '';
      if (!this.known.has(uid)) {
        this.known.add(uid);
        this.lastNewPodAt = performance.now();
      }
      const sinceCreated = Date.now() - Date.parse(pod.metadata?.creationTimestamp ?? '');
      if ((pod.spec?.nodeName ?? '') !== '' && !this.bound.has(uid)) {
        this.bound.add(uid);
        this.toBoundMs.push(sinceCreated);
      }
      if (this.seen.has(uid) || !isReady(pod)) return;
      this.seen.add(uid);
      this.latenciesMs.push(sinceCreated);
    };
    pods.addEventHandler({ onAdd: observe, onUpdate: (_old, pod) => observe(pod) });
  }
}

/** What `until` listens to: any informer. */
interface Notifier {
  addEventHandler(handler: { onAdd(): void; onUpdate(): void; onDelete(): void }): { remove(): void };
}

/** Resolves when `done` holds, checked on every event of `informers`; rejects after the phase limit. */
function until(what: string, done: () => boolean, ...informers: Notifier[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const registrations: Array<{ remove(): void }> = [];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      for (const r of registrations) r.remove();
      if (error === undefined) resolve();
      else reject(error);
    };
    const check = () => {
      if (done()) finish();
    };
    const timer = setTimeout(() => finish(new Error(`${what}: not done after ${PHASE_LIMIT_MS / 1000} s`)), PHASE_LIMIT_MS);
    for (const informer of informers) registrations.push(informer.addEventHandler({ onAdd: check, onUpdate: check, onDelete: check }));
    check();
  });
}

function deployment(image: string): Deployment {
  const labels = { app: NAME };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: { replicas: REPLICAS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } } },
  };
}

/** A phase's wall-clock seconds, and the CPU seconds this process spent in it (steadier on a shared machine). */
interface Phase {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

async function timed(what: string, body: () => Promise<void>, startup?: StartupTracker): Promise<Phase> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await body();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const created = startup === undefined ? '' : `, the last new pod seen after ${fmt((startup.lastNewPodAt - started) / 1000)} s`;
  console.log(`${what}: ${fmt(seconds)} s (${fmt(cpuSeconds)} s of CPU${created})`);
  return { seconds, cpuSeconds };
}

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-controllers-'));
  const plane = await startControlPlane({ dataDir: dir, port: 0, durability });
  const components = await startComponents({ kubeconfigPath: plane.kubeconfigPath, nodes: NODES, silent: true });
  const client = Client.fromKubeconfig(plane.kubeconfigPath);
  const informers = new InformerFactory(client, { logger: silentLogger });
  try {
    const pods = informers.pods();
    const deployments = informers.informerFor<Deployment>(DEPLOYMENTS);
    const startup = new StartupTracker(pods);
    informers.start();
    while (!pods.hasSynced() || !deployments.hasSynced()) await new Promise((resolve) => setTimeout(resolve, 10));
    const api = client.resource<Deployment>(DEPLOYMENTS).namespace(NAMESPACE);
    const current = () => deployments.lister.namespace(NAMESPACE).get(NAME);
    const watched: Notifier[] = [deployments, pods];
    console.log(`${NODES} nodes, a Deployment of ${REPLICAS.toLocaleString('en')} replicas`);

    const available = await timed(`created → ${REPLICAS} available`, async () => {
      await api.create(deployment('registry.k8s.io/pause:3.9'));
      await until('available', () => {
        const d = current();
        return d?.status?.availableReplicas === REPLICAS && d.status.updatedReplicas === REPLICAS;
      }, ...watched);
    }, startup);

    const rollout = await timed('rolling update (image change) → complete', async () => {
      const updated = await api.patch(NAME, 'merge', { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] } } } });
      const generation = updated.metadata?.generation ?? 0;
      // What `kubectl rollout status` waits for.
      await until('rollout', () => {
        const s = current()?.status;
        return s !== undefined && (s.observedGeneration ?? 0) >= generation && s.updatedReplicas === REPLICAS && s.replicas === REPLICAS && s.availableReplicas === REPLICAS;
      }, ...watched);
    }, startup);
    const startups = [...startup.latenciesMs];
    const toBound = [...startup.toBoundMs];

    const deletion = await timed('deleted → no pod left', async () => {
      await api.delete(NAME, { propagationPolicy: 'Background' });
      await until('deletion', () => pods.lister.list().length === 0, ...watched);
    });

    const availableS = available.seconds;
    const rolloutS = rollout.seconds;
    const p50 = percentile(startups, 50) / 1000;
    const p99 = percentile(startups, 99) / 1000;
    console.log(`pod startup (creationTimestamp → seen Running+Ready), ${startups.length} pods: p50 ${fmt(p50)} s, p99 ${fmt(p99)} s, max ${fmt(Math.max(...startups) / 1000)} s`);
    console.log(`  of which creationTimestamp → seen bound to a node: p50 ${fmt(percentile(toBound, 50) / 1000)} s, p99 ${fmt(percentile(toBound, 99) / 1000)} s`);
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
    await informers.shutdown();
    await client.close();
    await components.stop();
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
