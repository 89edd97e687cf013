// The components `kubets up` runs beside its API server, in its process: simulated nodes,
// the controller manager and the scheduler, each with its own client as separate processes
// would have. One function, so that the controllers benchmark measures what `kubets up` runs.

import { Client } from '../client/client.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import type { Logger } from '../client/logger.js';
import { runControllerManager } from '../controllers/controller-manager.js';
import { makePool } from '../nodes/pool.js';
import { runNodes } from '../nodes/simulator.js';
import { runScheduler } from '../scheduler/index.js';
import { componentLogger } from './component-logger.js';

export interface ComponentsOptions {
  readonly kubeconfigPath: string;
  /** Simulated nodes of the default pool. */
  readonly nodes: number;
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
  const simulator = await runNodes({ kubeconfig: options.kubeconfigPath, pool: makePool({ count: options.nodes }), logger: logger('nodes') });
  const controllerClient = Client.fromKubeconfig(options.kubeconfigPath, { qps: 100, burst: 200 });
  const stopControllers = runControllerManager({
    client: controllerClient,
    rootCaPem: loadKubeconfig(options.kubeconfigPath).certificateAuthorityPem,
    logger: logger('controller-manager'),
  });
  const schedulerClient = Client.fromKubeconfig(options.kubeconfigPath, { qps: 200, burst: 400 });
  const stopScheduler = await runScheduler({ client: schedulerClient, logger: logger('scheduler') });
  return {
    async stop() {
      await stopScheduler();
      await schedulerClient.close();
      await stopControllers();
      await controllerClient.close();
      await simulator.stop();
    },
  };
}
