// Cluster IPs and node ports of Services, as upstream allocates them:
// - a cluster IP is held by an IPAddress object (networking.k8s.io/v1) named after it,
//   whose creation is the allocation: the store refuses a second one, so no IP is handed
//   out twice, across restarts and across API servers;
// - node ports come from 30000–32767 and are known from the stored Services themselves;
//   allocations in flight are reserved in memory until their Service is stored.
// Explicit requests are honoured when free and in range, and refused with upstream's
// messages otherwise.

import * as errors from '../../machinery/errors.js';
import { invalid as invalidField, root, type FieldError } from '../../machinery/field-errors.js';
import type { GenericStore } from '../registry/generic-store.js';
import type { KubeObject } from '../object.js';
import { contains, formatIPv4, parseIPv4, usable, type Cidr } from './cidr.js';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
}

export class ServiceAllocator {
  private readonly pendingPorts = new Set<number>();

  constructor(
    readonly cidr: Cidr,
    private readonly ipAddresses: GenericStore,
    private readonly services: GenericStore,
  ) {}

  /** The first usable address: the `kubernetes` Service's. */
  get firstIP(): string {
    return formatIPv4(this.cidr.base + 1);
  }

  /** Allocates `requested` (or any free IP) for a Service; returns the IP. */
  async allocateIP(service: ServiceRef, requested: string | undefined, fieldIndex = 0): Promise<string> {
    const field = root('spec', 'clusterIPs').index(fieldIndex);
    if (requested) {
      const ip = parseIPv4(requested);
      if (ip === undefined || !contains(this.cidr, ip) || !usable(this.cidr, ip)) {
        throw this.refused(service, invalidField(field, requested, `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`));
      }
      if (!(await this.claim(requested, service))) {
        throw this.refused(service, invalidField(field, requested, `failed to allocate IP ${requested}: provided IP is already allocated`));
      }
      return requested;
    }
    // Random offsets, then a sweep: dynamic allocation avoids the first addresses, which
    // upstream keeps for explicit requests while the range has room elsewhere.
    const reserved = Math.min(256, Math.max(16, Math.floor(this.cidr.size / 16)));
    const dynamic = this.cidr.size - 2 > reserved * 2 ? reserved : 1;
    for (let attempt = 0; attempt < 64; attempt++) {
      const offset = dynamic + 1 + Math.floor(Math.random() * (this.cidr.size - 2 - dynamic));
      const ip = formatIPv4(this.cidr.base + offset);
      if (!this.taken(ip) && (await this.claim(ip, service))) return ip;
    }
    for (let offset = 1; offset < this.cidr.size - 1; offset++) {
      const ip = formatIPv4(this.cidr.base + offset);
      if (!this.taken(ip) && (await this.claim(ip, service))) return ip;
    }
    throw errors.internalError(`failed to allocate a serviceIP: range is full`);
  }

  /** Gives an IP back (the IPAddress object goes); missing is fine. */
  async releaseIP(ip: string): Promise<void> {
    try {
      await this.ipAddresses.delete('', ip);
    } catch (error) {
      if (!errors.isNotFound(error)) throw error;
    }
  }

  /** Allocates node ports for the ports that need one; returns a function to confirm or undo. */
  allocateNodePorts(service: ServiceRef, wanted: { index: number; port: number | undefined }[]): { ports: number[]; release(): void } {
    const used = this.usedNodePorts(service);
    const ports: number[] = [];
    wanted.forEach(({ index: i, port }) => {
      if (port !== undefined) {
        if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
          throw this.refused(service, invalidField(root('spec', 'ports').index(i).child('nodePort'), port, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
        }
        if (used.has(port) || ports.includes(port)) {
          throw this.refused(service, invalidField(root('spec', 'ports').index(i).child('nodePort'), port, 'provided port is already allocated'));
        }
        ports.push(port);
        return;
      }
      const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
      const start = Math.floor(Math.random() * span);
      for (let k = 0; k < span; k++) {
        const candidate = NODE_PORT_MIN + ((start + k) % span);
        if (!used.has(candidate) && !ports.includes(candidate)) {
          ports.push(candidate);
          return;
        }
      }
      throw errors.internalError('failed to allocate a nodePort: range is full');
    });
    for (const p of ports) this.pendingPorts.add(p);
    return { ports, release: () => ports.forEach((p) => this.pendingPorts.delete(p)) };
  }

  private usedNodePorts(except: ServiceRef): Set<number> {
    const used = new Set(this.pendingPorts);
    for (const svc of this.services.cache.list(this.services.identity.keyPrefix)) {
      if (svc.metadata.namespace === except.namespace && svc.metadata.name === except.name) continue;
      for (const port of ((svc.spec as { ports?: { nodePort?: number }[] } | undefined)?.ports ?? [])) {
        if (port.nodePort) used.add(port.nodePort);
      }
    }
    return used;
  }

  private taken(ip: string): boolean {
    return this.ipAddresses.cache.get(this.ipAddresses.key('', ip)) !== undefined;
  }

  /** Creates the IPAddress object; false when another Service holds the IP. */
  private async claim(ip: string, service: ServiceRef): Promise<boolean> {
    const address: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IPAddress',
      metadata: { name: ip, labels: { 'ipaddress.kubernetes.io/ip-family': 'IPv4', 'ipaddress.kubernetes.io/managed-by': 'ipallocator.k8s.io' } },
      spec: { parentRef: { group: '', resource: 'services', namespace: service.namespace, name: service.name } },
    };
    try {
      await this.ipAddresses.create('', address);
      return true;
    } catch (error) {
      if (errors.isAlreadyExists(error)) return false;
      throw error;
    }
  }

  private refused(service: ServiceRef, cause: FieldError): errors.APIError {
    return errors.invalid({ group: '', kind: 'Service' }, service.name, [cause]);
  }
}
