// The pure half of the endpointslice controller: the endpoints a Service should have,
// grouped by the ports they serve on, and packed into slices of at most 100 (upstream's
// maxEndpointsPerSlice default) in a stable order.

import type { Pod } from '../../client/index.js';
import { canonicalJson } from '../base/canonical-json.js';
import { isPodReady } from '../base/pods.js';
import { findPort, podHostname, podIP, shouldPodBeInEndpoints, type Service } from '../base/services.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef: { kind: 'Pod'; namespace?: string; name?: string; uid?: string };
}

export interface SlicePort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** Endpoints sharing one set of ports: they go into the same slices. */
export interface PortGroup {
  /** canonical JSON of `ports`, the group's identity */
  readonly key: string;
  readonly ports: SlicePort[];
  readonly endpoints: SliceEndpoint[];
}

/** The zone label of a node, for Endpoint.zone. */
export type ZoneOf = (nodeName: string) => string | undefined;

function slicePorts(pod: Pod, service: Service): SlicePort[] {
  const ports: SlicePort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    let port: number;
    try {
      port = findPort(pod, sp);
    } catch {
      continue;
    }
    // Upstream names every slice port, with "" for an unnamed one.
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    ports.push(p);
  }
  return ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
}

function endpointOf(pod: Pod, service: Service, ip: string, zoneOf: ZoneOf): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  // As upstream: never ready while terminating, unless the Service publishes not-ready addresses.
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: SliceEndpoint = {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
  };
  const hostname = podHostname(pod, service);
  if (hostname !== undefined) endpoint.hostname = hostname;
  const node = pod.spec?.nodeName;
  if (node !== undefined && node !== '') {
    endpoint.nodeName = node;
    const zone = zoneOf(node);
    if (zone !== undefined) endpoint.zone = zone;
  }
  return endpoint;
}

/** The Service's endpoints by port group, each group's endpoints sorted by address. */
export function desiredEndpoints(service: Service, pods: readonly Pod[], zoneOf: ZoneOf): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = slicePorts(pod, service);
    // A pod lacking every named port serves none of the Service's ports.
    if ((service.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = canonicalJson(ports);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { key, ports, endpoints: [] }));
    group.endpoints.push(endpointOf(pod, service, podIP(pod)!, zoneOf));
  }
  for (const group of groups.values()) group.endpoints.sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : a.addresses[0]! > b.addresses[0]! ? 1 : 0));
  return [...groups.values()];
}

/** Splits endpoints into chunks of at most `max`. */
export function chunk<T>(items: readonly T[], max = MAX_ENDPOINTS_PER_SLICE): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += max) chunks.push(items.slice(i, i + max));
  return chunks;
}
