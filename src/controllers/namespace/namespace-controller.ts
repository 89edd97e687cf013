// The namespace controller (upstream's pkg/controller/namespace): a namespace being deleted
// is Terminating while it still holds the `kubernetes` finalizer in spec.finalizers. Each
// sync deletes its content, reports the deletion conditions, and once nothing remains
// removes the finalizer through the `finalize` subresource; the API server then deletes
// the namespace when no finalizer is left.
//
//   sync(ns): gone or not deleting ─▶ done
//             no `kubernetes` finalizer ─▶ done (another finaliser's business)
//             delete content ─▶ update conditions ─┬─ content remains ─▶ requeue after a pause
//                                                  └─ empty ─▶ PUT namespaces/ns/finalize without `kubernetes`

import type { ResourceInfo } from '../../api/catalogue.js';
import { isNotFound } from '../../machinery/errors.js';
import { formatTime } from '../../machinery/time.js';
import { RateLimitingQueue, type Namespace, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { resourcesWithVerbs } from '../base/resources.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { deleteAllContent } from './content-deleter.js';
import { deletionConditions, sameConditions, type NamespaceCondition } from './conditions.js';

export const FINALIZER_KUBERNETES = 'kubernetes';

/** Namespaced resources the controller empties: those that can be listed and deleted as a collection. */
export function namespacedDeletableResources(): ResourceInfo[] {
  return resourcesWithVerbs(['list', 'deletecollection'], (r) => r.namespaced);
}

interface NamespaceWithConditions extends Namespace {
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

export interface NamespaceControllerOptions {
  /** Pause before looking again at a namespace whose content is still going; default 2 s. */
  readonly remainingRetryMs?: number;
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly namespaces: SharedInformer<NamespaceWithConditions>;
  private readonly resources = namespacedDeletableResources();
  private readonly retryMs: number;

  constructor(
    private readonly ctx: ControllerContext,
    options: NamespaceControllerOptions = {},
  ) {
    this.retryMs = options.remainingRetryMs ?? 2000;
    this.namespaces = ctx.informers.informerFor(ctx.client.namespaces().gvr);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.enqueueIfDeleting(ns),
      onUpdate: (_old, ns) => this.enqueueIfDeleting(ns),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.namespaces))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 10, signal, this.ctx.logger);
  }

  private enqueueIfDeleting(ns: NamespaceWithConditions): void {
    if (ns.metadata?.deletionTimestamp !== undefined) this.queue.add(keyOf(ns));
  }

  private async sync(name: string): Promise<void> {
    const cached = this.namespaces.lister.get(name);
    if (cached?.metadata?.deletionTimestamp === undefined) return;
    if (!(cached.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const outcome = await deleteAllContent(this.ctx.client, name, this.resources);
    const remaining = outcome.remaining.size > 0 || outcome.deletionFailures.length > 0;
    const current = await this.updateConditions(name, outcome);
    if (current === undefined) return;
    if (remaining) {
      // Content on its way out (finalizers, graceful pods): look again after a pause, without counting it a failure.
      this.queue.addAfter(name, this.retryMs);
      return;
    }
    await this.finalize(current);
  }

  /** Writes the conditions when they changed; the namespace as it now is (undefined: gone). */
  private async updateConditions(name: string, outcome: Parameters<typeof deletionConditions>[1]): Promise<NamespaceWithConditions | undefined> {
    const api = this.ctx.client.resource<NamespaceWithConditions>(this.ctx.client.namespaces().gvr);
    try {
      const live = await api.get(name);
      const previous = live.status?.conditions ?? [];
      const next = deletionConditions(previous, outcome, formatTime(Date.now()));
      if (sameConditions(previous, next)) return live;
      return await api.updateStatus({ ...live, status: { ...live.status, conditions: next } });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error; // a conflict included: the retry reads the namespace again
    }
  }

  private async finalize(ns: NamespaceWithConditions): Promise<void> {
    const name = ns.metadata!.name!;
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    const api = this.ctx.client.namespaces();
    try {
      await api.rest.request({ method: 'PUT', path: api.path(name, 'finalize'), body: { ...ns, spec: { ...ns.spec, finalizers } }, resource: api.groupResource, name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
