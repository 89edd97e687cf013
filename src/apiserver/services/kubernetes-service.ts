// The `kubernetes` Service in `default`, which in-cluster clients use to find the API
// server: the first address of the service range, port 443, and an Endpoints and an
// EndpointSlice pointing at the API server's own address and port, kept current at
// every start. Also the default ServiceCIDR, `kubernetes`, naming the range.

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import type { Registry } from '../registry/registry.js';
import type { GenericStore } from '../registry/generic-store.js';
import type { KubeObject } from '../object.js';
import { nowTimestamp } from '../registry/time.js';

const NAME = 'kubernetes';
const NAMESPACE = 'default';

export interface ApiServerAddress {
  readonly ip: string;
  readonly port: number;
}

export async function reconcileKubernetesService(registry: Registry, serviceCidr: string, firstIP: string, address: ApiServerAddress): Promise<void> {
  const store = (group: string, resource: string) => registry.storeOf(group, resource) as GenericStore;
  await ensure(store('networking.k8s.io', 'servicecidrs'), '', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'ServiceCIDR',
    metadata: { name: NAME },
    spec: { cidrs: [serviceCidr] },
  });
  await ensure(store('', 'services'), NAMESPACE, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: firstIP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: address.port }], sessionAffinity: 'None' },
  });
  const port = { name: 'https', port: address.port, protocol: 'TCP' };
  await upsert(store('', 'endpoints'), NAMESPACE, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: address.ip }], ports: [port] }],
  });
  await upsert(store('discovery.k8s.io', 'endpointslices'), NAMESPACE, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'kubernetes.io/service-name': NAME } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address.ip], conditions: { ready: true } }],
    ports: [port],
  });
  const cidrs = store('networking.k8s.io', 'servicecidrs');
  await cidrs.update('', NAME, (current) => {
    const ready = { type: 'Ready', status: 'True', reason: '', message: 'Kubernetes Service CIDR is ready', lastTransitionTime: nowTimestamp() };
    const status = (current.status ?? {}) as { conditions?: { type: string; status: string }[] };
    if (status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return current;
    current.status = { conditions: [ready] };
    return current;
  }, { subresource: 'status' });
}

/** Creates the object unless it exists. */
async function ensure(store: GenericStore, namespace: string, obj: KubeObject, trusted = false): Promise<void> {
  // Look first: creating would allocate (and refuse) the Service's address before the name clash.
  if ((await store.readLatest(namespace, obj.metadata.name ?? '')) !== undefined) return;
  try {
    await store.create(namespace, obj, { trusted });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

/** Creates the object, or makes the stored one say what `obj` says. */
async function upsert(store: GenericStore, namespace: string, obj: KubeObject): Promise<void> {
  try {
    // The API server's own address may be loopback, which user-written endpoints may not be.
    await store.update(namespace, obj.metadata.name ?? '', (current) => ({ ...obj, metadata: { ...current.metadata, labels: obj.metadata.labels } }), { subresource: '', trusted: true });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await ensure(store, namespace, obj, true);
  }
}
