// The endpointslice controller (upstream's pkg/controller/endpointslice): for every Service
// with a selector, EndpointSlices (addressType IPv4) listing its pods, at most 100 each,
// labelled with the Service's name and this controller as manager, owned by the Service.
//
//   service, pod or node event ─▶ key of each Service concerned
//   sync(ns/name): Service gone ─▶ delete the slices we manage for it
//                  no selector, or the API server's `kubernetes` Service ─▶ leave alone
//                  otherwise ─▶ desired endpoints by port group, packed 100 a slice;
//                              existing slices of a group are reused in order (update only when
//                              different), missing ones created (generateName `<service>-`), the rest deleted.
//                              No endpoint at all: one empty placeholder slice, as upstream.

import { isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey, type KubeObject, type ObjectMeta } from '../../machinery/meta.js';
import { RateLimitingQueue, deletedObject, realClock, type DeletedFinalStateUnknown, type Node, type Pod, type SharedInformer } from '../../client/index.js';
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
import { chunk, desiredEndpoints, type PortGroup, type SliceEndpoint, type SlicePort } from './desired.js';
import { SliceTracker } from './slice-tracker.js';

export const ENDPOINT_SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' } as const;
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** How soon to look again when the cache has not yet shown our own writes. */
const CACHE_LAG_RETRY_MS = 100;

export interface EndpointSlice extends KubeObject {
  metadata?: ObjectMeta;
  addressType: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: SlicePort[] | null;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly services: SharedInformer<Service>;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly slices: SharedInformer<EndpointSlice>;
  private readonly triggers = new TriggerTimes();
  private readonly tracker = new SliceTracker();

  constructor(private readonly ctx: ControllerContext) {
    this.services = ctx.informers.informerFor<Service>(SERVICES);
    this.pods = ctx.informers.pods();
    this.nodes = ctx.informers.nodes();
    this.slices = ctx.informers.informerFor<EndpointSlice>(ENDPOINT_SLICES);
    this.services.addEventHandler({
      onAdd: (svc) => this.enqueue(objectKey(svc)),
      onUpdate: (_old, svc) => this.enqueue(objectKey(svc)),
      onDelete: (svc) => this.queue.add(objectKey(deletedObject(svc))),
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.podChanged(pod), onUpdate: (old, pod) => this.podChanged(pod, old), onDelete: (pod) => this.podChanged(pod) });
    this.nodes.addEventHandler({ onUpdate: (old, node) => this.nodeUpdated(old, node) });
    // A managed slice edited or deleted by someone else is put back.
    const sliceChanged = (obj: EndpointSlice | DeletedFinalStateUnknown<EndpointSlice>) => {
      const slice = deletedObject(obj);
      const labels = slice.metadata?.labels ?? {};
      const service = labels[SERVICE_NAME_LABEL];
      if (labels[MANAGED_BY_LABEL] === MANAGED_BY && service !== undefined) this.queue.add(`${slice.metadata?.namespace ?? ''}/${service}`);
    };
    this.slices.addEventHandler({ onUpdate: (_old, slice) => sliceChanged(slice), onDelete: sliceChanged });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.services, this.pods, this.nodes, this.slices))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private enqueue(key: string): void {
    this.triggers.record(key, realClock.now());
    this.queue.add(key);
  }

  private podChanged(obj: Pod | DeletedFinalStateUnknown<Pod>, old?: Pod): void {
    for (const key of serviceKeysForPodEvent(this.services.lister, deletedObject(obj), old)) this.enqueue(key);
  }

  /** A node's zone changing changes the endpoints of its pods. */
  private nodeUpdated(old: Node, cur: Node): void {
    if (old.metadata?.labels?.[ZONE_LABEL] === cur.metadata?.labels?.[ZONE_LABEL]) return;
    for (const pod of this.pods.lister.list()) if (pod.spec?.nodeName === cur.metadata?.name) this.podChanged(pod);
  }

  private managedSlices(namespace: string, service: string): EndpointSlice[] {
    return this.slices.lister
      .namespace(namespace)
      .list()
      .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === service && s.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY);
  }

  private async sync(key: string): Promise<void> {
    if (key === API_SERVER_SERVICE_KEY) return;
    const { namespace, name } = splitNamespacedKey(key);
    const service = this.services.lister.namespace(namespace).get(name);
    const existing = this.managedSlices(namespace, name);
    if (!this.tracker.caughtUp(key, existing)) {
      // Our last writes are not in the cache yet: acting now could duplicate a slice.
      this.queue.addAfter(key, CACHE_LAG_RETRY_MS);
      return;
    }
    if (service === undefined) {
      for (const slice of existing) await this.deleteSlice(key, slice);
      this.tracker.forget(key);
      return;
    }
    if (service.spec?.selector === undefined) return;
    const zoneOf = (node: string) => this.nodes.lister.get(node)?.metadata?.labels?.[ZONE_LABEL];
    let groups = desiredEndpoints(service, podsSelectedBy(this.pods.lister, service), zoneOf);
    if (groups.length === 0) groups = [{ key: canonicalJson([]), ports: [], endpoints: [] }];
    const trigger = this.triggers.take(key);
    const unused = new Set(existing);
    for (const group of groups) {
      const candidates = existing.filter((s) => canonicalJson(s.ports ?? []) === group.key).sort(byName);
      const chunks = group.endpoints.length === 0 ? [[]] : chunk(group.endpoints);
      for (const [i, endpoints] of chunks.entries()) {
        const slice = candidates[i];
        if (slice !== undefined) unused.delete(slice);
        await this.writeSlice(key, service, group, endpoints, slice, trigger);
      }
    }
    for (const slice of unused) await this.deleteSlice(key, slice);
  }

  private async writeSlice(key: string, service: Service, group: PortGroup, endpoints: SliceEndpoint[], current: EndpointSlice | undefined, trigger: string | undefined): Promise<void> {
    const namespace = service.metadata?.namespace ?? '';
    const api = this.ctx.client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(namespace);
    const labels = sliceLabels(service);
    if (current !== undefined && canonicalJson(current.endpoints ?? []) === canonicalJson(endpoints) && canonicalJson(current.metadata?.labels ?? {}) === canonicalJson(labels)) return;
    const annotations = { ...(current?.metadata?.annotations ?? {}) };
    if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const metadata: ObjectMeta = current?.metadata ?? { generateName: `${service.metadata?.name ?? ''}-`, namespace, ownerReferences: [ownerRefTo(service)] };
    const body: EndpointSlice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...metadata, labels, annotations }, addressType: 'IPv4', endpoints, ports: group.ports };
    this.tracker.wrote(key, current === undefined ? await api.create(body) : await api.update(body));
  }

  private async deleteSlice(key: string, slice: EndpointSlice): Promise<void> {
    const name = slice.metadata?.name ?? '';
    try {
      await this.ctx.client.resource<EndpointSlice>(ENDPOINT_SLICES).namespace(slice.metadata?.namespace ?? '').delete(name, { preconditions: { uid: slice.metadata?.uid } });
      this.tracker.deleted(key, name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function byName(a: EndpointSlice, b: EndpointSlice): number {
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
  delete labels[HEADLESS_LABEL];
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = service.metadata?.name ?? '';
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  return labels;
}

function ownerRefTo(service: Service) {
  return { apiVersion: 'v1', kind: 'Service', name: service.metadata?.name ?? '', uid: service.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}
