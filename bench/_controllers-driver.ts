// The driving side of bench/controllers.ts, run in a worker thread (its own event loop, as
// a separate client would be), so that watching 3,000 pods does not load the API server's
// thread: it creates the Deployment, updates and deletes it through the API, watches
// Deployments and Pods with informers, and posts one { type: 'result', … } (or
// { type: 'failed', message }) when the three phases are over.

import { parentPort, workerData } from 'node:worker_threads';
import { Client, InformerFactory, silentLogger, type Pod, type SharedInformer } from '../src/client/index.js';
import { DEPLOYMENTS, type Deployment } from '../src/controllers/deployment/types.js';

export interface DriverData {
  readonly kubeconfig: string;
  readonly replicas: number;
}

/** A phase's wall-clock seconds, and the CPU seconds the process (all threads) spent in it. */
export interface Phase {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export type DriverReply =
  | {
      readonly type: 'result';
      readonly available: Phase;
      readonly rollout: Phase;
      readonly deletion: Phase;
      /** creationTimestamp → seen Running and Ready, ms, per pod of phases 1 and 2… */
      readonly startupsMs: number[];
      /** …of which this many (the first) in phase 1. */
      readonly firstPhasePods: number;
      /** creationTimestamp → seen bound to a node, ms. */
      readonly toBoundMs: number[];
      /** First seen → seen bound, and seen bound → seen Running and Ready, ms. */
      readonly seenToBoundMs: number[];
      readonly boundToReadyMs: number[];
    }
  | { readonly type: 'failed'; readonly message: string };

const { kubeconfig, replicas: REPLICAS } = workerData as DriverData;
const NAMESPACE = 'default';
const NAME = 'bench';
/** A phase that takes longer than this has failed. */
const PHASE_LIMIT_MS = 180_000;

const fmt = (n: number, digits = 2) => n.toFixed(digits);

const isReady = (pod: Pod) => pod.status?.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/**
 * Per pod, creationTimestamp → first seen Running and Ready (wall-clock ms), and the part of
 * it until the pod was first seen bound to a node (scheduling) — where the time goes. As
 * creationTimestamp has whole seconds, the stretches between sightings are kept too (ms):
 * first seen → seen bound, seen bound → seen Ready.
 */
class StartupTracker {
  readonly latenciesMs: number[] = [];
  readonly toBoundMs: number[] = [];
  readonly seenToBoundMs: number[] = [];
  readonly boundToReadyMs: number[] = [];
  /** performance.now() when the latest new pod was first seen. */
  lastNewPodAt = 0;
  private readonly seen = new Set<string>();
  /** When each pod was first seen, and first seen bound (performance.now()). */
  private readonly firstSeen = new Map<string, number>();
  private readonly boundAt = new Map<string, number>();

  constructor(pods: SharedInformer<Pod>) {
    const observe = (pod: Pod) => {
      const uid = pod.metadata?.uid ?? '';
      const now = performance.now();
      if (!this.firstSeen.has(uid)) {
        this.firstSeen.set(uid, now);
        this.lastNewPodAt = now;
      }
      const sinceCreated = Date.now() - Date.parse(pod.metadata?.creationTimestamp ?? '');
      if ((pod.spec?.nodeName ?? '') !== '' && !this.boundAt.has(uid)) {
        this.boundAt.set(uid, now);
        this.toBoundMs.push(sinceCreated);
        this.seenToBoundMs.push(now - this.firstSeen.get(uid)!);
      }
      if (this.seen.has(uid) || !isReady(pod)) return;
      this.seen.add(uid);
      this.latenciesMs.push(sinceCreated);
      this.boundToReadyMs.push(now - (this.boundAt.get(uid) ?? now));
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

async function drive(): Promise<DriverReply> {
  const client = Client.fromKubeconfig(kubeconfig, { qps: Infinity });
  const informers = new InformerFactory(client, { logger: silentLogger });
  try {
    const pods = informers.pods();
    const deployments = informers.informerFor<Deployment>(DEPLOYMENTS);
    const startup = new StartupTracker(pods);
    informers.start();
    await informers.waitForCacheSync();
    const api = client.resource<Deployment>(DEPLOYMENTS).namespace(NAMESPACE);
    const current = () => deployments.lister.namespace(NAMESPACE).get(NAME);
    const watched: Notifier[] = [deployments, pods];

    const available = await timed(`created → ${REPLICAS} available`, async () => {
      await api.create(deployment('registry.k8s.io/pause:3.9'));
      await until('available', () => {
        const d = current();
        return d?.status?.availableReplicas === REPLICAS && d.status.updatedReplicas === REPLICAS;
      }, ...watched);
    }, startup);
    const firstPhasePods = startup.latenciesMs.length;

    const rollout = await timed('rolling update (image change) → complete', async () => {
      const updated = await api.patch(NAME, 'merge', { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] } } } });
      const generation = updated.metadata?.generation ?? 0;
      // What `kubectl rollout status` waits for.
      await until('rollout', () => {
        const s = current()?.status;
        return s !== undefined && (s.observedGeneration ?? 0) >= generation && s.updatedReplicas === REPLICAS && s.replicas === REPLICAS && s.availableReplicas === REPLICAS;
      }, ...watched);
    }, startup);
    const { latenciesMs: startupsMs, toBoundMs, seenToBoundMs, boundToReadyMs } = startup;

    const deletion = await timed('deleted → no pod left', async () => {
      await api.delete(NAME, { propagationPolicy: 'Background' });
      await until('deletion', () => pods.lister.list().length === 0, ...watched);
    });
    return { type: 'result', available, rollout, deletion, firstPhasePods, startupsMs: [...startupsMs], toBoundMs: [...toBoundMs], seenToBoundMs: [...seenToBoundMs], boundToReadyMs: [...boundToReadyMs] };
  } finally {
    await informers.shutdown();
    await client.close();
  }
}

drive().then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies DriverReply),
);
