// The PVC protection controller (upstream's pkg/controller/volume/pvcprotection): every
// claim carries the `kubernetes.io/pvc-protection` finalizer (upstream's admission adds it
// on create; this adds it to claims that lack it), and a deleted claim keeps it while a
// scheduled, not yet terminated pod uses the claim.
//
//   sync(ns/name): alive, no finalizer ─▶ add it
//                  deleting with it ─▶ a pod uses it (cache, then a live LIST) ─▶ wait
//                                      none ─▶ remove the finalizer

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { PODS, RateLimitingQueue, deletedObject, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { PVCS, claimNamesOfPod, type PersistentVolumeClaim } from '../persistentvolume/types.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/** True if the pod may still use its volumes: scheduled and not terminated (upstream's podUsesPVC caller). */
export function podBlocksClaim(pod: Pod, claimName: string): boolean {
  // An unscheduled pod never started with the claim, and a deleting claim keeps new ones off it.
  if (pod.spec?.nodeName === undefined || pod.spec.nodeName === '') return false;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  return claimNamesOfPod(pod).includes(claimName);
}

export class PvcProtectionController implements Controller {
  readonly name = 'persistentvolumeclaim-protection-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly claims: SharedInformer<PersistentVolumeClaim>;
  private readonly pods: SharedInformer<Pod>;

  constructor(private readonly ctx: ControllerContext) {
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
    this.pods = ctx.informers.informerFor<Pod>(PODS);
    const onClaim = (claim: PersistentVolumeClaim) => {
      const has = claim.metadata?.finalizers?.includes(PVC_PROTECTION_FINALIZER) ?? false;
      if (claim.metadata?.deletionTimestamp !== undefined ? has : !has) this.queue.add(objectKey(claim));
    };
    this.claims.addEventHandler({ onAdd: onClaim, onUpdate: (_old, claim) => onClaim(claim) });
    // A pod that terminates or goes away may release the claims it used.
    const onPod = (pod: Pod) => {
      const namespace = pod.metadata?.namespace ?? '';
      for (const name of claimNamesOfPod(pod)) this.queue.add(`${namespace}/${name}`);
    };
    this.pods.addEventHandler({ onAdd: onPod, onUpdate: (_old, pod) => onPod(pod), onDelete: (pod) => onPod(deletedObject(pod)) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.claims, this.pods))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 1, signal, this.ctx.logger);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const cached = this.claims.lister.namespace(namespace).get(name);
    if (cached === undefined) return;
    const finalizers = cached.metadata?.finalizers ?? [];
    const has = finalizers.includes(PVC_PROTECTION_FINALIZER);
    if (cached.metadata?.deletionTimestamp === undefined) {
      if (!has) await this.setFinalizers(cached, [...finalizers, PVC_PROTECTION_FINALIZER]);
      return;
    }
    if (!has || (await this.inUse(namespace, name))) return;
    await this.setFinalizers(cached, finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER));
    this.ctx.logger.info(`${this.name}: removed the finalizer`, { claim: key });
  }

  /** The cache first; when it sees no user, a live LIST confirms (it may lag a new pod). */
  private async inUse(namespace: string, name: string): Promise<boolean> {
    if (this.pods.lister.namespace(namespace).list().some((pod) => podBlocksClaim(pod, name))) return true;
    const live = await this.ctx.client.pods(namespace).list();
    return live.items.some((pod) => podBlocksClaim(pod, name));
  }

  private async setFinalizers(claim: PersistentVolumeClaim, finalizers: string[]): Promise<void> {
    const next = structuredClone(claim);
    next.metadata = { ...next.metadata, finalizers };
    try {
      await this.ctx.client.resource<PersistentVolumeClaim>(PVCS).namespace(claim.metadata?.namespace ?? '').update(next);
    } catch (error) {
      // Changed or gone since the cache saw it: its event brings the key back.
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
}

