// What every controller is built from: the API client, the shared informer factory (one
// cache per resource for all controllers), a logger and the manager-wide options.

import type { Client, InformerFactory, Logger } from '../../client/index.js';

/** A CA certificate and its private key, both PEM. */
export interface ClusterSigning {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface ControllerContext {
  readonly client: Client;
  readonly informers: InformerFactory;
  readonly logger: Logger;
  /** PEM of the cluster CA, published by root-ca-cert-publisher; undefined disables it. */
  readonly rootCaPem?: string;
  /** The CA certificate and key (PEM) that CSRs are signed with (upstream's --cluster-signing-*-file); undefined disables signing. */
  readonly clusterSigning?: ClusterSigning;
  /** Workers per controller; unset: each controller's upstream default (--concurrent-*-syncs: 20 for the garbage collector, 10 for namespaces, 5 otherwise). */
  readonly workers?: number;
}

/**
 * A reconcile loop.
 * Contract: the constructor only registers informers and handlers (no request); run()
 * waits for the caches it needs, then processes keys until `signal` aborts, and resolves
 * once every worker has returned.
 */
export interface Controller {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}
