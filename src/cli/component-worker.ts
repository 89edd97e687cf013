// One component of `kubets up` in a worker thread: its own event loop, on the other core,
// as its own process would be (the components are API clients and need nothing from the
// API server's thread but its address and, for the controllers, the CA's PEM text). Started by components.ts with
// the component's settings as workerData; answers `{ ready, metricsUrl? }` once started
// (the scheduler serves /metrics on a free loopback port), and 'stopped' after a 'stop' message.

import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '../client/client.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import type { ClusterSigning } from '../controllers/base/context.js';
import { runControllerManager } from '../controllers/controller-manager.js';
import { silentLogger } from '../client/logger.js';
import { makePool } from '../nodes/pool.js';
import { runNodes } from '../nodes/simulator.js';
import { runScheduler } from '../scheduler/index.js';
import { SchedulerMetrics } from '../scheduler/metrics/scheduler-metrics.js';
import { serveSchedulerEndpoint } from '../scheduler/metrics/server.js';
import { componentLogger } from './component-logger.js';

/** What components.ts sends a worker. */
export interface WorkerSettings {
  readonly component: 'scheduler' | 'nodes' | 'controller-manager';
  readonly kubeconfigPath: string;
  readonly qps: number;
  readonly burst: number;
  readonly silent: boolean;
  /** For 'nodes': how many, and pod writes in flight. */
  readonly nodes?: number;
  readonly podWorkers?: number;
  /** For 'controller-manager': the cluster CA the csrsigning controller signs with. */
  readonly clusterSigning?: ClusterSigning;
}

/** A started component: how to stop it, and the scheduler's metrics URL. */
interface Started {
  readonly stop: () => Promise<void>;
  readonly metricsUrl?: string;
}

async function start(settings: WorkerSettings): Promise<Started> {
  const client = Client.fromKubeconfig(settings.kubeconfigPath, { qps: settings.qps, burst: settings.burst });
  const logger = settings.silent ? silentLogger : componentLogger(settings.component);
  if (settings.component === 'controller-manager') {
    const stop = runControllerManager({
      client,
      rootCaPem: loadKubeconfig(settings.kubeconfigPath).certificateAuthorityPem,
      clusterSigning: settings.clusterSigning,
      logger,
    });
    const stopAll = async (): Promise<void> => {
      await stop();
      await client.close();
    };
    return { stop: stopAll };
  }
  if (settings.component === 'scheduler') {
    // Loopback, a free port: several `kubets up` may run on one machine.
    const metrics = new SchedulerMetrics();
    let ready = false;
    const endpoint = await serveSchedulerEndpoint({ host: '127.0.0.1', port: 0, metrics: () => metrics.expose(), ready: () => ready });
    const stop = await runScheduler({ client, logger, metrics });
    ready = true;
    const stopAll = async (): Promise<void> => {
      await stop();
      await endpoint.close();
      await client.close();
    };
    return { stop: stopAll, metricsUrl: `${endpoint.url}/metrics` };
  }
  const simulator = await runNodes({ client, pool: makePool({ count: settings.nodes ?? 1 }), logger, podWorkers: settings.podWorkers });
  const stopAll = async (): Promise<void> => {
    await simulator.stop();
    await client.close();
  };
  return { stop: stopAll };
}

const port = parentPort!;
const { stop, metricsUrl } = await start(workerData as WorkerSettings);
port.postMessage({ ready: true, metricsUrl });
port.once('message', () => {
  void stop().then(() => port.postMessage('stopped'));
});
