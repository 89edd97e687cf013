// The root CA certificate publisher (upstream's pkg/controller/certificates/rootcacertpublisher):
// every namespace has a ConfigMap `kube-root-ca.crt` whose `ca.crt` is the cluster CA, so
// that pods can trust the API server. A namespace appearing, or the ConfigMap being
// deleted or changed, enqueues the namespace; sync creates or repairs the ConfigMap.

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import { RateLimitingQueue, deletedObject, type ConfigMap, type Namespace, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';
/** Upstream marks the ConfigMap so that tools can tell who manages it. */
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Thrown when the publisher is started without a CA to publish. */
export class MissingRootCaError extends Error {
  constructor() {
    super('root-ca-certificate-publisher-controller needs the cluster CA (the kubeconfig has no certificate-authority data)');
    this.name = 'MissingRootCaError';
  }
}

export class RootCaCertPublisher implements Controller {
  readonly name = 'root-ca-certificate-publisher-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly namespaces: SharedInformer<Namespace>;
  private readonly configMaps: SharedInformer<ConfigMap>;
  private readonly caPem: string;

  constructor(private readonly ctx: ControllerContext) {
    if (ctx.rootCaPem === undefined || ctx.rootCaPem === '') throw new MissingRootCaError();
    this.caPem = ctx.rootCaPem;
    this.namespaces = ctx.informers.informerFor<Namespace>(ctx.client.namespaces().gvr);
    this.configMaps = ctx.informers.informerFor<ConfigMap>(ctx.client.configMaps().gvr);
    this.namespaces.addEventHandler({ onAdd: (ns) => this.queue.add(keyOf(ns)), onUpdate: (_o, ns) => this.queue.add(keyOf(ns)) });
    this.configMaps.addEventHandler({
      onUpdate: (_o, cm) => this.enqueueFor(cm),
      onDelete: (obj) => this.enqueueFor(deletedObject(obj)),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.namespaces, this.configMaps))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private enqueueFor(cm: ConfigMap): void {
    if (cm.metadata?.name === ROOT_CA_CONFIG_MAP) this.queue.add(cm.metadata.namespace ?? '');
  }

  private async sync(namespace: string): Promise<void> {
    const ns = this.namespaces.lister.get(namespace);
    if (ns === undefined || ns.metadata?.deletionTimestamp !== undefined) return;
    const api = this.ctx.client.configMaps(namespace);
    const existing = this.configMaps.lister.namespace(namespace).get(ROOT_CA_CONFIG_MAP);
    try {
      if (existing === undefined) {
        await api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIG_MAP, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } }, data: { [ROOT_CA_KEY]: this.caPem } });
        return;
      }
      if (existing.data?.[ROOT_CA_KEY] === this.caPem && Object.keys(existing.data).length === 1 && existing.binaryData === undefined) return;
      // A copy with the expected data: the cached object itself is never modified.
      await api.update({ ...existing, data: { [ROOT_CA_KEY]: this.caPem }, binaryData: undefined });
    } catch (error) {
      if (!isAlreadyExists(error) && !isNotFound(error)) throw error;
    }
  }
}
