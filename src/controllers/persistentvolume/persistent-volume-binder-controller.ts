// The PersistentVolume binder (upstream's pkg/controller/volume/persistentvolume) with a
// built-in provisioner for the `kubets.io/simulated` provisioner. Two queues, as upstream:
//
//   claim ns/name: no class ─▶ the default class (once, from unset; upstream's admission does it)
//                  volumeName set ─▶ finish the binding (volume's claimRef, phases, annotations)
//                  else a matching Available volume ─▶ bind │ our class ─▶ provision pvc-<uid>
//                  (WaitForFirstConsumer: a volume only if pre-bound to the claim — the
//                  scheduler's choice —, provisioning only once volume.kubernetes.io/selected-node is set)
//   volume name:   no claimRef ─▶ Available │ claim bound to it ─▶ Bound
//                  claim gone (checked live) ─▶ Released; reclaim Delete ─▶ delete the volume
//   every 15 s:    every claim and volume again (upstream's resync), so that a change no
//                  handler maps to a key (a claim's class created later, a missed update) heals
//
// The default class `standard` is created at start when no class is marked default.

import { isAlreadyExists, isConflict, isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, realClock, type Clock, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { findMatchingVolume } from './matching.js';
import { provisionedVolume } from './provision.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_DEFAULT_CLASS, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER,
  PVCS, PVS, SIMULATED_PROVISIONER, STORAGE_CLASSES, defaultClassOf,
  type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './types.js';

/** The class created at start when none is the default. */
export const DEFAULT_STORAGE_CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
  provisioner: SIMULATED_PROVISIONER,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
};

export interface PersistentVolumeBinderOptions {
  /** How often every claim and volume is synced again (upstream's --pvclaimbinder-sync-period, 15 s). */
  readonly resyncPeriodMs: number;
  readonly clock: Clock;
}

export const DEFAULT_PV_BINDER: PersistentVolumeBinderOptions = { resyncPeriodMs: 15_000, clock: realClock };

export class PersistentVolumeBinderController implements Controller {
  readonly name = 'persistentvolume-binder-controller';
  private readonly claimQueue = new RateLimitingQueue<string>();
  private readonly volumeQueue = new RateLimitingQueue<string>();
  private readonly volumes: SharedInformer<PersistentVolume>;
  private readonly claims: SharedInformer<PersistentVolumeClaim>;
  private readonly classes: SharedInformer<StorageClass>;
  private readonly recorder: EventRecorder;
  private readonly options: PersistentVolumeBinderOptions;

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<PersistentVolumeBinderOptions> = {},
  ) {
    this.options = { ...DEFAULT_PV_BINDER, ...options };
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: 'persistentvolume-controller', logger: ctx.logger });
    this.volumes = ctx.informers.informerFor<PersistentVolume>(PVS);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
    this.classes = ctx.informers.informerFor<StorageClass>(STORAGE_CLASSES);
    const onClaim = (claim: PersistentVolumeClaim) => this.claimQueue.add(objectKey(claim));
    this.claims.addEventHandler({
      onAdd: onClaim,
      onUpdate: (_old, claim) => onClaim(claim),
      // The volume it was bound to may now be released.
      onDelete: (claim) => {
        const { namespace, name } = splitNamespacedKey(keyOf(claim));
        for (const pv of this.volumes.lister.list()) {
          if (pv.spec?.claimRef?.namespace === namespace && pv.spec.claimRef.name === name) this.volumeQueue.add(objectKey(pv));
        }
      },
    });
    const onVolume = (pv: PersistentVolume) => {
      this.volumeQueue.add(objectKey(pv));
      // A new or changed volume may complete or satisfy a claim.
      const ref = pv.spec?.claimRef;
      if (ref?.namespace !== undefined && ref.name !== undefined) this.claimQueue.add(`${ref.namespace}/${ref.name}`);
      else for (const claim of this.claims.lister.list()) if (claim.status?.phase === 'Pending') this.claimQueue.add(objectKey(claim));
    };
    this.volumes.addEventHandler({ onAdd: onVolume, onUpdate: (_old, pv) => onVolume(pv) });
    // A new default class may let unclassified claims proceed.
    this.classes.addEventHandler({
      onAdd: () => {
        for (const claim of this.claims.lister.list()) if (claim.spec?.storageClassName === undefined) this.claimQueue.add(objectKey(claim));
      },
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.volumes, this.claims, this.classes))) return;
    await this.ensureDefaultClass();
    const workers = this.ctx.workers ?? 1;
    try {
      await Promise.all([
        runWorkers(this.name, this.claimQueue, (key) => this.syncClaim(key), workers, signal, this.ctx.logger),
        runWorkers(this.name, this.volumeQueue, (key) => this.syncVolume(key), workers, signal, this.ctx.logger),
        this.resync(signal),
      ]);
    } finally {
      await this.recorder.shutdown();
    }
  }

  /** Every period, every claim and volume from the caches into the queues, until `signal` aborts. */
  private async resync(signal: AbortSignal): Promise<void> {
    while (await this.options.clock.sleep(this.options.resyncPeriodMs, signal)) {
      for (const claim of this.claims.lister.list()) this.claimQueue.add(objectKey(claim));
      for (const pv of this.volumes.lister.list()) this.volumeQueue.add(objectKey(pv));
    }
  }

  private async ensureDefaultClass(): Promise<void> {
    if (defaultClassOf(this.classes.lister.list()) !== undefined) return;
    try {
      await this.ctx.client.resource<StorageClass>(STORAGE_CLASSES).create(structuredClone(DEFAULT_STORAGE_CLASS));
      this.ctx.logger.info(`${this.name}: created the default StorageClass`, { name: DEFAULT_STORAGE_CLASS.metadata?.name });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  private claimApi(namespace: string) {
    return this.ctx.client.resource<PersistentVolumeClaim>(PVCS).namespace(namespace);
  }

  private get volumeApi() {
    return this.ctx.client.resource<PersistentVolume>(PVS);
  }

  private async syncClaim(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const cached = this.claims.lister.namespace(namespace).get(name);
    if (cached === undefined) return;
    // A claim on its way out gets no class and no volume.
    if (cached.metadata?.deletionTimestamp !== undefined && cached.spec?.volumeName === undefined) return;
    const claim = structuredClone(cached);
    if (claim.spec?.storageClassName === undefined && (await this.assignDefaultClass(claim))) return;
    if (claim.spec?.volumeName !== undefined && claim.spec.volumeName !== '') {
      const pv = this.volumes.lister.get(claim.spec.volumeName);
      // Pre-bound by the user to a volume not there yet: wait for it (its add event returns here).
      if (pv !== undefined) await this.bind(structuredClone(pv), claim);
      return;
    }
    const className = claim.spec?.storageClassName ?? '';
    const delayBinding = className !== '' && this.classes.lister.get(className)?.volumeBindingMode === 'WaitForFirstConsumer';
    const match = findMatchingVolume(claim, this.volumes.lister.list(), delayBinding);
    if (match !== undefined) {
      await this.bind(structuredClone(match), claim);
      return;
    }
    await this.provisionFor(claim);
  }

  /**
   * Sets the default class on a claim that has none (allowed once, from unset); false when
   * there is no default, and the claim binds as one of no class.
   */
  private async assignDefaultClass(claim: PersistentVolumeClaim): Promise<boolean> {
    const sc = defaultClassOf(this.classes.lister.list());
    if (sc?.metadata?.name === undefined) return false;
    claim.spec = { ...claim.spec, storageClassName: sc.metadata.name };
    await this.write(() => this.claimApi(claim.metadata?.namespace ?? '').update(claim));
    return true;
  }

  private async provisionFor(claim: PersistentVolumeClaim): Promise<void> {
    const className = claim.spec?.storageClassName ?? '';
    const sc = className === '' ? undefined : this.classes.lister.get(className);
    if (sc === undefined) {
      const message = className === '' ? 'no persistent volumes available for this claim and no storage class is set' : `storageclass.storage.k8s.io "${className}" not found`;
      this.recorder.event(claim, className === '' ? 'Normal' : 'Warning', className === '' ? 'FailedBinding' : 'ProvisioningFailed', message);
      return;
    }
    const annotations = claim.metadata?.annotations ?? {};
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && annotations[ANN_SELECTED_NODE] === undefined) {
      this.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    if (sc.provisioner !== SIMULATED_PROVISIONER) {
      const message = `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
      this.recorder.event(claim, 'Normal', 'ExternalProvisioning', message);
      return;
    }
    if (annotations[ANN_STORAGE_PROVISIONER] !== sc.provisioner) {
      // Upstream marks the claim for its provisioner before provisioning.
      claim.metadata = { ...claim.metadata, annotations: { ...annotations, [ANN_STORAGE_PROVISIONER]: sc.provisioner, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner } };
      await this.write(() => this.claimApi(claim.metadata?.namespace ?? '').update(claim));
      return;
    }
    try {
      const pv = await this.volumeApi.create(provisionedVolume(claim, sc));
      this.recorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata?.name ?? ''} using ${sc.provisioner}`);
    } catch (error) {
      // Made by an earlier sync: the volume's event binds it.
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /**
   * Binds both ways, each step skipped when already done (upstream's bind): the volume's
   * claimRef, the volume's phase, the claim's volumeName and annotations, the claim's phase.
   */
  private async bind(pv: PersistentVolume, claim: PersistentVolumeClaim): Promise<void> {
    const pvName = pv.metadata?.name ?? '';
    const ref = pv.spec?.claimRef;
    if (ref?.uid !== claim.metadata?.uid || ref?.name !== claim.metadata?.name) {
      const annotations = { ...pv.metadata?.annotations };
      if (ref === undefined) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      pv.metadata = { ...pv.metadata, annotations };
      pv.spec = { ...pv.spec, claimRef: { kind: 'PersistentVolumeClaim', namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid, apiVersion: 'v1', resourceVersion: claim.metadata?.resourceVersion } };
      const updated = await this.write(() => this.volumeApi.update(pv));
      if (updated === undefined) return;
      pv = updated;
    }
    if (pv.status?.phase !== 'Bound') {
      pv.status = phaseOnly(pv, 'Bound');
      const updated = await this.write(() => this.volumeApi.updateStatus(pv));
      if (updated === undefined) return;
    }
    const annotations = claim.metadata?.annotations ?? {};
    if (claim.spec?.volumeName !== pvName || annotations[ANN_BIND_COMPLETED] !== 'yes') {
      const next: Record<string, string> = { ...annotations, [ANN_BIND_COMPLETED]: 'yes' };
      if (claim.spec?.volumeName !== pvName) next[ANN_BOUND_BY_CONTROLLER] = 'yes';
      claim.metadata = { ...claim.metadata, annotations: next };
      claim.spec = { ...claim.spec, volumeName: pvName };
      const updated = await this.write(() => this.claimApi(claim.metadata?.namespace ?? '').update(claim));
      if (updated === undefined) return;
      claim = updated;
    }
    if (claim.status?.phase !== 'Bound') {
      claim.status = { ...claim.status, phase: 'Bound', accessModes: pv.spec?.accessModes ?? [], capacity: { ...pv.spec?.capacity } };
      await this.write(() => this.claimApi(claim.metadata?.namespace ?? '').updateStatus(claim));
      this.ctx.logger.info(`${this.name}: bound`, { claim: objectKey(claim), volume: pvName });
    }
  }

  private async syncVolume(name: string): Promise<void> {
    const cached = this.volumes.lister.get(name);
    if (cached === undefined) return;
    const pv = structuredClone(cached);
    const ref = pv.spec?.claimRef;
    if (ref === undefined) {
      await this.setVolumePhase(pv, 'Available');
      return;
    }
    const claim = await this.liveClaim(ref.namespace ?? '', ref.name ?? '');
    // Pre-bound by the user (no uid) to a claim not there yet: it stays Available for it.
    if (ref.uid === undefined || ref.uid === '') {
      if (claim === undefined) await this.setVolumePhase(pv, 'Available');
      return;
    }
    if (claim !== undefined && claim.metadata?.uid === ref.uid) {
      if (claim.spec?.volumeName === name) await this.setVolumePhase(pv, 'Bound');
      return;
    }
    await this.release(pv);
  }

  /** The claim as the server has it: the cache may not have seen a recent create. */
  private async liveClaim(namespace: string, name: string): Promise<PersistentVolumeClaim | undefined> {
    const cached = this.claims.lister.namespace(namespace).get(name);
    if (cached !== undefined) return cached;
    try {
      return await this.claimApi(namespace).get(name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The claim is gone: Released, then the reclaim policy (Delete removes the volume). */
  private async release(pv: PersistentVolume): Promise<void> {
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
      const updated = await this.setVolumePhase(pv, 'Released');
      if (updated === undefined) return;
    }
    if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata?.deletionTimestamp !== undefined) return;
    try {
      await this.volumeApi.delete(pv.metadata?.name ?? '', { preconditions: { uid: pv.metadata?.uid } });
      this.ctx.logger.info(`${this.name}: deleted a released volume`, { volume: pv.metadata?.name });
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }

  private async setVolumePhase(pv: PersistentVolume, phase: string): Promise<PersistentVolume | undefined> {
    if (pv.status?.phase === phase) return pv;
    pv.status = phaseOnly(pv, phase);
    return this.write(() => this.volumeApi.updateStatus(pv));
  }

  /** A write; undefined on a conflict or a vanished object, whose event re-queues the key. */
  private async write<T>(request: () => Promise<T>): Promise<T | undefined> {
    try {
      return await request();
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }
}

/** The status of a volume in `phase`: upstream clears message and reason with every phase change. */
function phaseOnly(pv: PersistentVolume, phase: string): NonNullable<PersistentVolume['status']> {
  const { message: _message, reason: _reason, ...rest } = pv.status ?? {};
  return { ...rest, phase };
}
