// One component of `kubets up` in a worker thread: its own event loop, on the other core,
// as its own process would be (the components are API clients and need nothing from the
// API server's thread but its address and, for the controllers, the CA's PEM text). Started by components.ts with
// the component's settings as workerData; answers 'ready' once started, and 'stopped'
// after a 'stop' message.

import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '../client/client.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import type { ClusterSigning } from '../controllers/base/context.js';
import { runControllerManager } from '../controllers/controller-manager.js';
import { silentLogger } from '../client/logger.js';
import { makePool } from '../nodes/pool.js';
import { runNodes } from '../nodes/simulator.js';
import { runScheduler } from '../scheduler/index.js';
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

async function start(settings: WorkerSettings): Promise<() => Promise<void>> {
  const client = Client.fromKubeconfig(settings.kubeconfigPath, { qps: settings.qps, burst: settings.burst });
  const logger = settings.silent ? silentLogger : componentLogger(settings.component);
  if (settings.component === 'controller-manager') {
    const stop = runControllerManager({
      client,
      rootCaPem: loadKubeconfig(settings.kubeconfigPath).certificateAuthorityPem,
      clusterSigning: settings.clusterSigning,
      logger,
    });
    return async () => {
      await stop();
      await client.close();
    };
  }
  if (settings.component === 'scheduler') {
    const stop = await runScheduler({ client, logger });
    return async () => {
      await stop();
      await client.close();
    };
  }
  const simulator = await runNodes({ client, pool: makePool({ count: settings.nodes ?? 1 }), logger, podWorkers: settings.podWorkers });
  return async () => {
    await simulator.stop();
    await client.close();
  };
}

const port = parentPort!;
const stop = await start(workerData as WorkerSettings);
port.postMessage('ready');
port.once('message', () => {
  void stop().then(() => port.postMessage('stopped'));
});
