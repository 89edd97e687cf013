// Services and their Endpoints: TYPE, CLUSTER-IP, EXTERNAL-IP (`<none>`, `<pending>` for a
// load balancer not yet provisioned, the external name), PORT(S) as `80/TCP` or
// `80:30080/TCP`; Endpoints as the first three `ip:port` pairs and how many more.

import { AGE, NAME, column, wide } from './columns.js';
import { NONE, UNKNOWN, formatLabels, joinHostPort, type ObjectView } from './cells.js';
import { since } from './duration.js';
import { compareGoStrings } from '../../machinery/go-format.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

/** The status of a load balancer, as Services and Ingresses report it. */
export interface LoadBalancerView {
  ingress?: { ip?: string; hostname?: string }[];
}

interface ServiceView extends ObjectView {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    selector?: Record<string, string>;
    ports?: { port?: number; nodePort?: number; protocol?: string }[];
  };
  status?: { loadBalancer?: LoadBalancerView };
}

/**
 * The IPs (or else hostnames) of a load balancer's ingress points, sorted, without
 * duplicates. The server prints wide tables, so nothing is truncated.
 */
export function loadBalancerAddresses(status: LoadBalancerView | undefined): string {
  const addresses = new Set<string>();
  for (const point of status?.ingress ?? []) {
    if (point.ip) addresses.add(point.ip);
    else if (point.hostname) addresses.add(point.hostname);
  }
  return [...addresses].sort(compareGoStrings).join(',');
}

function externalIP(svc: ServiceView): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : NONE;
    case 'LoadBalancer': {
      const balancer = loadBalancerAddresses(svc.status?.loadBalancer);
      if (external.length > 0) return [...(balancer === '' ? [] : balancer.split(',')), ...external].join(',');
      return balancer === '' ? '<pending>' : balancer;
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return UNKNOWN;
  }
}

function ports(svc: ServiceView): string {
  const text = (svc.spec?.ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? '';
      return p.nodePort ? `${p.port ?? 0}:${p.nodePort}/${protocol}` : `${p.port ?? 0}/${protocol}`;
    })
    .join(',');
  return text || NONE;
}

/** clusterIP is authoritative over clusterIPs, as upstream's conversion makes it. */
function clusterIP(svc: ServiceView): string {
  return svc.spec?.clusterIP || svc.spec?.clusterIPs?.[0] || NONE;
}

const servicePrinter: TablePrinter = {
  columns: [
    NAME,
    column('Type', 'string', 'How the service is exposed.'),
    column('Cluster-IP', 'string', 'The virtual IP of the service inside the cluster.'),
    column('External-IP', 'string', 'Addresses the service is reachable at from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with node ports, and their protocols.'),
    AGE,
    wide('Selector', 'string', 'Labels of the pods the service routes to.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const svc = obj as ServiceView;
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIP(svc),
      externalIP(svc),
      ports(svc),
      since(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

interface EndpointsView extends ObjectView {
  subsets?: { addresses?: { ip?: string }[]; ports?: { port?: number }[] }[];
}

const MAX_ENDPOINTS = 3;

/** The first three ready `ip:port` pairs (bare IPs for port-less subsets) and how many more. */
function formatEndpoints(endpoints: EndpointsView): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return NONE;
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const subsetPorts = subset.ports ?? [];
    // A headless service may have endpoints without ports.
    const pairs = subsetPorts.length === 0 ? [undefined] : subsetPorts.map((p) => p.port ?? 0);
    for (const port of pairs) {
      count += addresses.length;
      for (const address of addresses) {
        if (shown.length === MAX_ENDPOINTS) break;
        const ip = address.ip ?? '';
        shown.push(port === undefined ? ip : joinHostPort(ip, port));
      }
    }
  }
  const text = shown.join(',');
  return count > MAX_ENDPOINTS ? `${text} + ${count - MAX_ENDPOINTS} more...` : text;
}

const endpointsPrinter: TablePrinter = {
  columns: [NAME, column('Endpoints', 'string', 'Ready addresses and ports, the first three of them.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const endpoints = obj as EndpointsView;
    return [endpoints.metadata?.name ?? '', formatEndpoints(endpoints), since(endpoints.metadata?.creationTimestamp, now)];
  },
};

export const servicePrinters: PrinterMap = { services: servicePrinter, endpoints: endpointsPrinter };
