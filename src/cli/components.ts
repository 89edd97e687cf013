// The components `kubets up` runs beside its API server, in its process: simulated nodes,
// the controller manager and the scheduler, each with its own client as separate processes
// would have. One function, so that the controllers benchmark measures what `kubets up` runs.
//
// Client rate limits: upstream's defaults (kube-controller-manager 20 QPS, kube-scheduler 50)
// protect a shared API server from many clients; here the server is in the same process and
// the limits only cap what one workload can do (at 100 QPS the ReplicaSet controller alone
// needs 30 s to create 3,000 pods). The nodes get what as many kubelets would have (50 QPS,
// burst 100 each, and a pod write in flight per node).

import { Client } from '../client/client.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import type { Logger } from '../client/logger.js';
import type { ClusterSigning } from '../controllers/base/context.js';
import { runControllerManager } from '../controllers/controller-manager.js';
import { makePool } from '../nodes/pool.js';
import { runNodes } from '../nodes/simulator.js';
import { runScheduler } from '../scheduler/index.js';
import { componentLogger } from './component-logger.js';

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
  /** Where each component logs (default: stderr, warnings and errors). */
  readonly logger?: (component: string) => Logger;
}

export interface Components {
  /** Stops the scheduler, then the controllers, then the nodes; closes their clients. */
  stop(): Promise<void>;
}

/** Registers the nodes, then starts the controller manager and the scheduler. */
export async function startComponents(options: ComponentsOptions): Promise<Components> {
  const logger = options.logger ?? componentLogger;
  const nodesClient = Client.fromKubeconfig(options.kubeconfigPath, { qps: KUBELET_QPS * Math.max(1, options.nodes), burst: KUBELET_BURST * Math.max(1, options.nodes) });
  const simulator = await runNodes({
    client: nodesClient,
    pool: makePool({ count: options.nodes }),
    logger: logger('nodes'),
    podWorkers: Math.max(MIN_POD_WORKERS, options.nodes),
  });
  const controllerClient = Client.fromKubeconfig(options.kubeconfigPath, { qps: COMPONENT_QPS, burst: COMPONENT_BURST });
  const stopControllers = runControllerManager({
    client: controllerClient,
    rootCaPem: loadKubeconfig(options.kubeconfigPath).certificateAuthorityPem,
    clusterSigning: options.clusterSigning,
    logger: logger('controller-manager'),
  });
  const schedulerClient = Client.fromKubeconfig(options.kubeconfigPath, { qps: SCHEDULER_QPS, burst: SCHEDULER_BURST });
  const stopScheduler = await runScheduler({ client: schedulerClient, logger: logger('scheduler') });
  return {
    async stop() {
      await stopScheduler();
      await schedulerClient.close();
      await stopControllers();
      await controllerClient.close();
      await simulator.stop();
      await nodesClient.close();
    },
  };
}
