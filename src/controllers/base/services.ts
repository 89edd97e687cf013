// What the endpoints and endpointslice controllers both know about Services and their pods
// (upstream's pkg/controller/util/endpoint and endpointslice utils): which pods belong in
// a Service's endpoints, which Services select a pod, and a target port resolved per pod.

import { labelSelectorFromSet } from '../../machinery/label-selector.js';
import { formatTime } from '../../machinery/time.js';
import { objectKey, type KubeObject, type ObjectMeta } from '../../machinery/meta.js';
import { canonicalJson } from './canonical-json.js';
import type { Lister, Pod } from '../../client/index.js';

export const SERVICES = { group: '', version: 'v1', resource: 'services' } as const;

/** The Service the API server keeps the endpoints of itself; controllers never touch it. */
export const API_SERVER_SERVICE_KEY = 'default/kubernetes';

/** Upstream's EndpointsLastChangeTriggerTime annotation. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** Set on the endpoints of a Service whose clusterIP is None. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
}

export interface Service extends KubeObject {
  metadata?: ObjectMeta;
  spec?: {
    selector?: Record<string, string>;
    clusterIP?: string;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
    [field: string]: unknown;
  };
}

interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** Thrown when a named target port names no port of the pod's containers. */
export class PortNotFoundError extends Error {
  constructor(readonly port: string) {
    super(`no suitable port for manifest: ${port}`);
    this.name = 'PortNotFoundError';
  }
}

/**
 * The pod's port for a service port (upstream's podutil.FindPort): a number as is; a name
 * looked up among the containers' ports of the same protocol. Throws PortNotFoundError.
 */
export function findPort(pod: Pod, port: ServicePort): number {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const cp of (container.ports as ContainerPort[] | undefined) ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  throw new PortNotFoundError(target);
}

/**
 * Whether a pod appears in a Service's endpoints at all (upstream's ShouldPodBeInEndpoints):
 * it has an IP, has not finished for good, and is not being deleted unless terminating
 * pods are included.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  const restart = (pod.spec?.restartPolicy as string | undefined) ?? 'Always';
  if (phase === 'Failed' && restart !== 'Always') return false;
  if (phase === 'Succeeded' && restart !== 'Always') return false;
  if (podIP(pod) === undefined) return false;
  return includeTerminating || pod.metadata?.deletionTimestamp === undefined;
}

/** The pod's primary IP, if it has one. */
export function podIP(pod: Pod): string | undefined {
  const ip = pod.status?.podIP;
  return ip === undefined || ip === '' ? undefined : ip;
}

/** The pod's DNS hostname within the Service, when its subdomain names the Service. */
export function podHostname(pod: Pod, service: Service): string | undefined {
  const hostname = pod.spec?.hostname as string | undefined;
  const subdomain = pod.spec?.subdomain as string | undefined;
  if (hostname === undefined || hostname === '' || subdomain !== service.metadata?.name) return undefined;
  return pod.metadata?.namespace === service.metadata?.namespace ? hostname : undefined;
}

export function isHeadless(service: Service): boolean {
  return service.spec?.clusterIP === 'None';
}

/** The Services of the pod's namespace whose selector matches it (services without selector never do). */
export function servicesSelecting(services: Lister<Service>, pod: Pod): Service[] {
  return services
    .namespace(pod.metadata?.namespace ?? '')
    .list()
    .filter((svc) => svc.spec?.selector !== undefined && labelSelectorFromSet(svc.spec.selector).matches(pod.metadata?.labels));
}

/**
 * Keys of the Services a pod event concerns: those selecting the pod, and, after an update
 * that changed its labels, those that selected it before (they must drop it).
 */
export function serviceKeysForPodEvent(services: Lister<Service>, pod: Pod, old?: Pod): string[] {
  const keys = new Set(servicesSelecting(services, pod).map((svc) => objectKey(svc)));
  if (old !== undefined && canonicalJson(old.metadata?.labels ?? {}) !== canonicalJson(pod.metadata?.labels ?? {})) {
    for (const svc of servicesSelecting(services, old)) keys.add(objectKey(svc));
  }
  return [...keys];
}

/** The pods of the Service's namespace its selector matches. */
export function podsSelectedBy(pods: Lister<Pod>, service: Service): Pod[] {
  const selector = labelSelectorFromSet(service.spec?.selector ?? {});
  return pods
    .namespace(service.metadata?.namespace ?? '')
    .list()
    .filter((pod) => selector.matches(pod.metadata?.labels));
}

/**
 * Remembers, per Service key, when the earliest change not yet written happened, for the
 * last-change-trigger-time annotation (a simplified upstream TriggerTimeTracker).
 */
export class TriggerTimes {
  private readonly times = new Map<string, number>();

  record(key: string, at: number): void {
    const seen = this.times.get(key);
    if (seen === undefined || at < seen) this.times.set(key, at);
  }

  /** The recorded time as a metav1.Time string, forgotten once taken. */
  take(key: string): string | undefined {
    const at = this.times.get(key);
    this.times.delete(key);
    return at === undefined ? undefined : formatTime(at);
  }
}
