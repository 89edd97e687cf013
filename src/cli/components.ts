// The components `kubets up` runs beside its API server, in its process: simulated nodes,
// the controller manager and the scheduler, each in a worker thread with its own client,
// as separate processes would have. One function, so that the controllers benchmark measures what `kubets up` runs.
//
// Client rate limits: upstream's defaults (kube-controller-manager 20 QPS, kube-scheduler 50)
// protect a shared API server from many clients; here the server is in the same process and
// the limits only cap what one workload can do (at 100 QPS the ReplicaSet controller alone
// needs 30 s to create 3,000 pods). The nodes get what as many kubelets would have (50 QPS,
// burst 100 each, and a pod write in flight per node).

import { Worker } from 'node:worker_threads';
import type { ClusterSigning } from '../controllers/base/context.js';
import type { WorkerSettings } from './component-worker.js';

/** QPS and burst of the controller manager's client. */
const COMPONENT_QPS = 1000;
const COMPONENT_BURST = 2000;
/**
 * The scheduler's: two requests a pod (the Binding and the Scheduled event), so 1,000
 * would cap it at 500 pods a second; scheduler_perf gives its scheduler 5,000.
 */
const SCHEDULER_QPS = 5000;
const SCHEDULER_BURST = 5000;
/** Per simulated node, upstream kubelet's kubeAPIQPS and kubeAPIBurst. */
const KUBELET_QPS = 50;
const KUBELET_BURST = 100;
/** Pod writes in flight: at least one per node, as each kubelet has its own status manager. */
const MIN_POD_WORKERS = 16;

export interface ComponentsOptions {
  readonly kubeconfigPath: string;
  /** Simulated nodes of the default pool. */
  readonly nodes: number;
  /** The cluster CA, with which the csrsigning controller issues certificates (absent: it does not run). */
  readonly clusterSigning?: ClusterSigning;
  /** Whether the components log warnings and errors on stderr (default) or nothing. */
  readonly silent?: boolean;
}

export interface Components {
  /** Where the scheduler serves kube-scheduler's /metrics (plain HTTP on loopback). */
  readonly schedulerMetricsUrl: string | undefined;
  /** Stops the scheduler, then the controllers, then the nodes; closes their clients. */
  stop(): Promise<void>;
}

/**
 * Starts the simulated nodes, the controller manager and the scheduler, each in a worker
 * thread, so that with the API server they use both cores, not one event loop (on
 * a burst of pods the nodes' status writes and the scheduler otherwise wait behind
 * everything else).
 */
export async function startComponents(options: ComponentsOptions): Promise<Components> {
  const silent = options.silent === true;
  const nodeCount = Math.max(1, options.nodes);
  // All three start at once (each loads its modules on its own thread); if one fails, the
  // others are stopped again.
  const started = await Promise.allSettled([
    startWorker({
      component: 'nodes',
      kubeconfigPath: options.kubeconfigPath,
      qps: KUBELET_QPS * nodeCount,
      burst: KUBELET_BURST * nodeCount,
      silent,
      nodes: options.nodes,
      podWorkers: Math.max(MIN_POD_WORKERS, options.nodes),
    }),
    startWorker({ component: 'controller-manager', kubeconfigPath: options.kubeconfigPath, qps: COMPONENT_QPS, burst: COMPONENT_BURST, silent, clusterSigning: options.clusterSigning }),
    startWorker({ component: 'scheduler', kubeconfigPath: options.kubeconfigPath, qps: SCHEDULER_QPS, burst: SCHEDULER_BURST, silent }),
  ]);
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure !== undefined) {
    for (const component of running) await component.stop();
    throw failure.reason;
  }
  const [nodes, controllers, scheduler] = running as [RunningWorker, RunningWorker, RunningWorker];
  return {
    schedulerMetricsUrl: scheduler.metricsUrl,
    async stop() {
      await scheduler.stop();
      await controllers.stop();
      await nodes.stop();
    },
  };
}

/** Thrown when a component's worker fails to start or stops with an error. */
export class ComponentWorkerError extends Error {
  constructor(component: string, cause: unknown) {
    super(`kubets ${component}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ComponentWorkerError';
  }
}

interface RunningWorker {
  readonly metricsUrl?: string;
  stop(): Promise<void>;
}

async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const worker = componentWorker(settings);
  const started = (await reply(worker, settings.component)) as { metricsUrl?: string } | undefined;
  return {
    metricsUrl: started?.metricsUrl,
    async stop() {
      worker.postMessage('stop');
      await reply(worker, settings.component);
      await worker.terminate();
    },
  };
}

function reply(worker: Worker, component: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) => reject(new ComponentWorkerError(component, error));
    worker.once('error', onError);
    worker.once('message', (message: unknown) => {
      worker.off('error', onError);
      resolve(message);
    });
  });
}

/**
 * The worker runs component-worker.js beside this module. Under tsx (tests, benchmarks)
 * this module is TypeScript, and on Node 20 a worker's entry cannot be: the worker
 * registers tsx first, then imports the .ts entry.
 */
function componentWorker(settings: WorkerSettings): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const entry = new URL(compiled ? './component-worker.js' : './component-worker.ts', import.meta.url);
  if (compiled) return new Worker(entry, { workerData: settings });
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(source, { eval: true, workerData: settings });
}
