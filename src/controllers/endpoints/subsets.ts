// The pure half of the endpoints controller: the subsets of a Service's Endpoints from its
// pods (upstream's syncService loop plus RepackSubsets), ordered so that equal input
// always yields equal output and an unchanged Service causes no write.

import type { Pod } from '../../client/index.js';
import { findPort, isHeadless, podHostname, podIP, shouldPodBeInEndpoints, type Service } from '../base/services.js';
import { isPodReady } from '../base/pods.js';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

interface Group {
  ports: EndpointPort[];
  ready: Map<string, EndpointAddress>;
  notReady: Map<string, EndpointAddress>;
}

function addressOf(pod: Pod, service: Service, ip: string): EndpointAddress {
  const address: EndpointAddress = { ip };
  const hostname = podHostname(pod, service);
  if (hostname !== undefined) address.hostname = hostname;
  if (pod.spec?.nodeName !== undefined) address.nodeName = pod.spec.nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
  return address;
}

/** The ports a pod serves the Service on; ports whose named target the pod lacks are left out. */
function podPorts(pod: Pod, service: Service): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    let port: number;
    try {
      port = findPort(pod, sp);
    } catch {
      continue;
    }
    const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name !== undefined && sp.name !== '') ep.name = sp.name;
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return ports;
}

/**
 * The subsets of the Service's Endpoints. A ready pod (or every pod when the Service
 * publishes not-ready addresses) goes to `addresses`, others to `notReadyAddresses`; a
 * headless Service without ports lists addresses without ports.
 */
export function computeSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIP(pod)!;
    const ready = publishNotReady || isPodReady(pod);
    const noPorts = (service.spec?.ports ?? []).length === 0;
    if (noPorts && !isHeadless(service)) continue;
    const ports = podPorts(pod, service);
    if (!noPorts && ports.length === 0) continue;
    const sorted = [...ports].sort(comparePorts);
    const key = JSON.stringify(sorted);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ports: sorted, ready: new Map(), notReady: new Map() }));
    const address = addressOf(pod, service, ip);
    if (ready) group.ready.set(ip, address);
    else if (!group.ready.has(ip)) group.notReady.set(ip, address);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => toSubset(g));
}

function toSubset(group: Group): EndpointSubset {
  const subset: EndpointSubset = {};
  const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  if (group.ready.size > 0) subset.addresses = [...group.ready.values()].sort(byIp);
  const notReady = [...group.notReady.values()].filter((a) => !group.ready.has(a.ip));
  if (notReady.length > 0) subset.notReadyAddresses = notReady.sort(byIp);
  if (group.ports.length > 0) subset.ports = group.ports;
  return subset;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0);
}
