// The endpoints controller (upstream's pkg/controller/endpoint): keeps, for every Service
// with a selector, an Endpoints object of the same name listing its pods' addresses.
//
//   service or pod event ─▶ key of each Service concerned (and the time, for the trigger annotation)
//   sync(ns/name): Service gone ─▶ delete its Endpoints
//                  no selector, or the API server's `kubernetes` Service ─▶ leave alone
//                  otherwise ─▶ subsets from the selected pods; create, or update when they differ

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey, type KubeObject, type ObjectMeta } from '../../machinery/meta.js';
import { RateLimitingQueue, deletedObject, realClock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { canonicalJson } from '../base/canonical-json.js';
import {
  API_SERVER_SERVICE_KEY,
  HEADLESS_LABEL,
  LAST_CHANGE_TRIGGER_TIME,
  SERVICES,
  TriggerTimes,
  isHeadless,
  podsSelectedBy,
  serviceKeysForPodEvent,
  type Service,
} from '../base/services.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { computeSubsets, type EndpointSubset } from './subsets.js';

export const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' } as const;

export interface Endpoints extends KubeObject {
  metadata?: ObjectMeta;
  subsets?: EndpointSubset[];
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly services: SharedInformer<Service>;
  private readonly pods: SharedInformer<Pod>;
  private readonly endpoints: SharedInformer<Endpoints>;
  private readonly triggers = new TriggerTimes();

  constructor(private readonly ctx: ControllerContext) {
    this.services = ctx.informers.informerFor<Service>(SERVICES);
    this.pods = ctx.informers.pods();
    this.endpoints = ctx.informers.informerFor<Endpoints>(ENDPOINTS);
    this.services.addEventHandler({
      onAdd: (svc) => this.enqueue(objectKey(svc)),
      onUpdate: (_old, svc) => this.enqueue(objectKey(svc)),
      onDelete: (svc) => this.queue.add(objectKey(deletedObject(svc))),
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.podChanged(pod), onUpdate: (old, pod) => this.podChanged(pod, old), onDelete: (pod) => this.podChanged(pod) });
    // An Endpoints object edited or deleted by someone else is put back.
    this.endpoints.addEventHandler({
      onUpdate: (_old, ep) => this.queue.add(objectKey(ep)),
      onDelete: (ep) => this.queue.add(objectKey(deletedObject(ep))),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.services, this.pods, this.endpoints))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private enqueue(key: string): void {
    this.triggers.record(key, realClock.now());
    this.queue.add(key);
  }

  private podChanged(obj: Pod | DeletedFinalStateUnknown<Pod>, old?: Pod): void {
    for (const key of serviceKeysForPodEvent(this.services.lister, deletedObject(obj), old)) this.enqueue(key);
  }

  private async sync(key: string): Promise<void> {
    if (key === API_SERVER_SERVICE_KEY) return;
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.services.lister.namespace(namespace).get(name);
    const api = this.ctx.client.resource<Endpoints>(ENDPOINTS).namespace(namespace);
    if (service === undefined) {
      if (this.endpoints.lister.namespace(namespace).get(name) === undefined) return;
      try {
        await api.delete(name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      return;
    }
    if (service.spec?.selector === undefined) return;
    const subsets = computeSubsets(service, podsSelectedBy(this.pods.lister, service));
    const current = this.endpoints.lister.namespace(namespace).get(name);
    const labels = endpointsLabels(service);
    const trigger = this.triggers.take(key);
    if (current !== undefined && canonicalJson(current.subsets ?? []) === canonicalJson(subsets) && canonicalJson(current.metadata?.labels ?? {}) === canonicalJson(labels)) return;
    const annotations = { ...(current?.metadata?.annotations ?? {}) };
    if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const metadata: ObjectMeta = { ...(current?.metadata ?? {}), name, namespace, labels, annotations };
    const body: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata, subsets };
    if (current === undefined) {
      try {
        await api.create(body);
      } catch (error) {
        // The cache is behind a create of ours: the next event brings it up to date.
        if (!isAlreadyExists(error)) throw error;
        this.queue.addRateLimited(key);
      }
      return;
    }
    await api.update(body);
  }
}

/** The Service's labels, plus the headless label when it has no cluster IP. */
function endpointsLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}
