// The controller manager (upstream's kube-controller-manager, the part without cloud or
// leader election — see cli.ts for that): builds the selected controllers on one shared
// informer factory, starts the informers, runs every controller, and stops them together.

import { setMaxListeners } from 'node:events';
import { InformerFactory, stderrLogger, type Client, type Logger } from '../client/index.js';
import type { ClusterSigning, Controller, ControllerContext } from './base/context.js';
import { selectControllers } from './registry.js';

export interface ControllerManagerOptions {
  readonly client: Client;
  /** `*`, `name`, `-name` (canonical names or old aliases); default ['*']. */
  readonly controllers?: readonly string[];
  /** The cluster CA (PEM) for root-ca-certificate-publisher-controller. */
  readonly rootCaPem?: string;
  /** The CA that signs approved CSRs, for certificatesigningrequest-signing-controller. */
  readonly clusterSigning?: ClusterSigning;
  readonly workers?: number;
  readonly logger?: Logger;
}

/** Stops every controller and informer; resolves when all have ended. */
export type StopFunc = () => Promise<void>;

/**
 * Starts the selected controllers.
 * Contract: throws UnknownControllerError before starting anything when the selection
 * names an unknown controller; the returned function may be called more than once.
 */
export function runControllerManager(options: ControllerManagerOptions): StopFunc {
  const logger = options.logger ?? stderrLogger;
  const informers = new InformerFactory(options.client, { logger });
  const ctx: ControllerContext = {
    client: options.client,
    informers,
    logger,
    rootCaPem: options.rootCaPem,
    clusterSigning: options.clusterSigning,
    workers: options.workers,
  };
  const controllers: Controller[] = [];
  for (const descriptor of selectControllers(options.controllers ?? ['*'])) {
    if (descriptor.needsRootCa === true && (options.rootCaPem ?? '') === '') {
      logger.warn(`${descriptor.name}: skipped, no cluster CA to publish`);
      continue;
    }
    if (descriptor.needsClusterSigning === true && options.clusterSigning === undefined) {
      logger.warn(`${descriptor.name}: skipped, no --cluster-signing-cert-file and --cluster-signing-key-file`);
      continue;
    }
    controllers.push(descriptor.construct(ctx));
  }
  const stopping = new AbortController();
  // Every informer's cache wait listens on this one signal (the garbage collector alone has dozens).
  setMaxListeners(0, stopping.signal);
  informers.start();
  const runs = controllers.map((controller) =>
    controller.run(stopping.signal).catch((error: unknown) => logger.error(`${controller.name} ended with an error`, { error })),
  );
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      stopping.abort();
      await Promise.all(runs);
      await informers.shutdown();
    })();
    return stopped;
  };
}
