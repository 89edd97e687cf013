// The PV protection controller (upstream's pkg/controller/volume/pvprotection): every
// volume carries the `kubernetes.io/pv-protection` finalizer (upstream's admission adds it
// on create; this adds it to volumes that lack it), and a deleted volume keeps it while its
// phase is Bound, so that a claim never loses the volume it uses.

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { objectKey } from '../../machinery/meta.js';
import { RateLimitingQueue, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { PVS, type PersistentVolume } from '../persistentvolume/types.js';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export class PvProtectionController implements Controller {
  readonly name = 'persistentvolume-protection-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly volumes: SharedInformer<PersistentVolume>;

  constructor(private readonly ctx: ControllerContext) {
    this.volumes = ctx.informers.informerFor<PersistentVolume>(PVS);
    const onVolume = (pv: PersistentVolume) => {
      const has = pv.metadata?.finalizers?.includes(PV_PROTECTION_FINALIZER) ?? false;
      if (pv.metadata?.deletionTimestamp !== undefined ? has : !has) this.queue.add(objectKey(pv));
    };
    this.volumes.addEventHandler({ onAdd: onVolume, onUpdate: (_old, pv) => onVolume(pv) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.volumes))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 1, signal, this.ctx.logger);
  }

  private async sync(name: string): Promise<void> {
    const cached = this.volumes.lister.get(name);
    if (cached === undefined) return;
    const finalizers = cached.metadata?.finalizers ?? [];
    const has = finalizers.includes(PV_PROTECTION_FINALIZER);
    if (cached.metadata?.deletionTimestamp === undefined) {
      if (!has) await this.setFinalizers(cached, [...finalizers, PV_PROTECTION_FINALIZER]);
      return;
    }
    // The binder sets Bound only once the claim points at the volume: that phase is the use.
    if (!has || cached.status?.phase === 'Bound') return;
    await this.setFinalizers(cached, finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER));
  }

  private async setFinalizers(pv: PersistentVolume, finalizers: string[]): Promise<void> {
    const next = structuredClone(pv);
    next.metadata = { ...next.metadata, finalizers };
    try {
      await this.ctx.client.resource<PersistentVolume>(PVS).update(next);
    } catch (error) {
      // Changed or gone since the cache saw it: its event brings the key back.
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
}
