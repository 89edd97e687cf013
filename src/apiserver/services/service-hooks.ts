// The Service kind's hooks around writes: cluster IPs and node ports are allocated before
// validation and given back when a write fails, when a Service no longer needs them
// (type ExternalName, fewer node ports) and when it is deleted.

import { initServiceIPFamilies } from '../../api/defaults/service-ip-families.js';
import type { JsonObject } from '../../api/defaults/json.js';
import type { KubeObject } from '../object.js';
import type { StoreHooks } from '../registry/generic-store.js';
import type { ServiceAllocator } from './allocator.js';

interface ServicePort {
  name?: string;
  port?: number;
  protocol?: string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

const NEEDS_NODE_PORTS = new Set(['NodePort', 'LoadBalancer']);
const nothing = async (): Promise<void> => {};

function specOf(obj: KubeObject): ServiceSpec {
  if (typeof obj.spec !== 'object' || obj.spec === null) obj.spec = {};
  return obj.spec as ServiceSpec;
}

/** IPs a Service holds in the allocator (not `None`, not empty). */
function heldIPs(spec: ServiceSpec): string[] {
  const ips = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  return ips.filter((ip) => ip && ip !== 'None');
}

export function serviceHooks(allocator: ServiceAllocator): StoreHooks {
  return {
    async beginCreate(obj, options) {
      if (options.dryRun) return nothing;
      initServiceIPFamilies(obj as unknown as JsonObject, undefined, ['IPv4']);
      const ref = { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
      const spec = specOf(obj);
      let ip: string | undefined;
      if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
        ip = await allocator.allocateIP(ref, spec.clusterIP || spec.clusterIPs?.[0]);
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      }
      let ports: { release(): void } | undefined;
      try {
        ports = assignNodePorts(allocator, ref, spec, undefined);
      } catch (error) {
        if (ip) await allocator.releaseIP(ip);
        throw error;
      }
      return async (stored) => {
        ports?.release();
        if (!stored && ip) await allocator.releaseIP(ip);
      };
    },

    async beginUpdate(obj, old, options) {
      if (options.dryRun) return nothing;
      initServiceIPFamilies(obj as unknown as JsonObject, old as unknown as JsonObject, ['IPv4']);
      const ref = { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
      const spec = specOf(obj);
      const oldSpec = (old.spec ?? {}) as ServiceSpec;
      const oldIPs = heldIPs(oldSpec);
      let allocated: string | undefined;
      if (spec.type === 'ExternalName') {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      } else if (oldIPs.length > 0 || oldSpec.clusterIP === 'None') {
        // The cluster IP stays: a PUT that leaves it out keeps the old one.
        spec.clusterIP ??= oldSpec.clusterIP;
        spec.clusterIPs ??= oldSpec.clusterIPs;
      } else if (spec.clusterIP !== 'None') {
        allocated = await allocator.allocateIP(ref, spec.clusterIP || spec.clusterIPs?.[0]);
        spec.clusterIP = allocated;
        spec.clusterIPs = [allocated];
      }
      let ports: { release(): void } | undefined;
      try {
        ports = assignNodePorts(allocator, ref, spec, oldSpec);
      } catch (error) {
        if (allocated) await allocator.releaseIP(allocated);
        throw error;
      }
      return async (stored) => {
        ports?.release();
        if (!stored) {
          if (allocated) await allocator.releaseIP(allocated);
          return;
        }
        const kept = new Set(heldIPs(spec));
        for (const ip of oldIPs) if (!kept.has(ip)) await allocator.releaseIP(ip);
      };
    },

    async afterDelete(obj) {
      for (const ip of heldIPs((obj.spec ?? {}) as ServiceSpec)) await allocator.releaseIP(ip);
    },
  };
}

/**
 * Fills missing node ports of a NodePort/LoadBalancer Service (keeping the ports an update
 * already had for the same port and protocol), or clears them for other types.
 */
function assignNodePorts(allocator: ServiceAllocator, ref: { namespace: string; name: string }, spec: ServiceSpec, old: ServiceSpec | undefined): { release(): void } | undefined {
  const ports = spec.ports ?? [];
  if (!NEEDS_NODE_PORTS.has(spec.type ?? 'ClusterIP')) {
    for (const port of ports) delete port.nodePort;
    return undefined;
  }
  const previous = old && NEEDS_NODE_PORTS.has(old.type ?? 'ClusterIP') ? (old.ports ?? []) : [];
  for (const port of ports) {
    if (port.nodePort !== undefined) continue;
    const same = previous.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (same?.nodePort) port.nodePort = same.nodePort;
  }
  const keptFromOld = new Set(previous.map((p) => p.nodePort));
  const fresh = ports.map((port, index) => ({ port, index })).filter(({ port }) => port.nodePort === undefined || !keptFromOld.has(port.nodePort));
  const result = allocator.allocateNodePorts(ref, fresh.map(({ port, index }) => ({ index, port: port.nodePort })));
  fresh.forEach(({ port }, k) => (port.nodePort = result.ports[k]));
  return result;
}
