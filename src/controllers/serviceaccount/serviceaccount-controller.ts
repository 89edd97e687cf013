// The service-account controller (upstream's pkg/controller/serviceaccount): every active
// namespace has a ServiceAccount named `default`. A namespace appearing or the account
// being deleted enqueues the namespace; sync creates the account when missing.

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { RateLimitingQueue, deletedObject, type Namespace, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';

export const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' } as const;
export const DEFAULT_SERVICE_ACCOUNT = 'default';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly namespaces: SharedInformer<Namespace>;
  private readonly accounts: SharedInformer<KubeObject>;

  constructor(private readonly ctx: ControllerContext) {
    this.namespaces = ctx.informers.informerFor<Namespace>(ctx.client.namespaces().gvr);
    this.accounts = ctx.informers.informerFor(SERVICE_ACCOUNTS);
    this.namespaces.addEventHandler({ onAdd: (ns) => this.queue.add(keyOf(ns)), onUpdate: (_o, ns) => this.queue.add(keyOf(ns)) });
    this.accounts.addEventHandler({
      onDelete: (obj) => {
        const account = deletedObject(obj);
        if (account.metadata?.name === DEFAULT_SERVICE_ACCOUNT) this.queue.add(account.metadata.namespace ?? '');
      },
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.namespaces, this.accounts))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private async sync(namespace: string): Promise<void> {
    const ns = this.namespaces.lister.get(namespace);
    // Upstream skips namespaces that are not Active: creating in a Terminating one is refused.
    if (ns === undefined || ns.metadata?.deletionTimestamp !== undefined || (ns.status?.phase ?? 'Active') !== 'Active') return;
    if (this.accounts.lister.namespace(namespace).get(DEFAULT_SERVICE_ACCOUNT) !== undefined) return;
    try {
      await this.ctx.client.resource(SERVICE_ACCOUNTS).namespace(namespace).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT } });
    } catch (error) {
      if (!isAlreadyExists(error) && !isNotFound(error)) throw error;
    }
  }
}
