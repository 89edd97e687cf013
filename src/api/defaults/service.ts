// Service defaults (upstream's SetDefaults_Service). The IP family fields and the cluster
// IPs are not defaults: the service registry sets them while allocating (see
// service-ip-families.ts).

import { child, defaultUnset, defaultZero, ensureChild, isZero, items, stringField, type JsonObject } from './json.js';

/** Three hours: how long ClientIP session affinity sticks by default. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export function defaultService(service: JsonObject): void {
  const spec = ensureChild(service, 'spec');
  defaultSessionAffinity(spec);
  defaultZero(spec, 'type', 'ClusterIP');
  const type = stringField(spec, 'type');
  for (const port of items(spec, 'ports')) {
    defaultZero(port, 'protocol', 'TCP');
    if (isZero(port.targetPort) && typeof port.port === 'number') port.targetPort = port.port;
  }
  if (isExternallyAccessible(spec)) defaultZero(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'ClusterIP' || type === 'NodePort' || type === 'LoadBalancer') {
    defaultUnset(spec, 'internalTrafficPolicy', () => 'Cluster');
  }
  if (type === 'LoadBalancer') {
    defaultUnset(spec, 'allocateLoadBalancerNodePorts', () => true);
    for (const ingress of items(child(child(service, 'status') ?? {}, 'loadBalancer'), 'ingress')) {
      if (stringField(ingress, 'ip') !== '') defaultUnset(ingress, 'ipMode', () => 'VIP');
    }
  }
}

function defaultSessionAffinity(spec: JsonObject): void {
  defaultZero(spec, 'sessionAffinity', 'None');
  const affinity = stringField(spec, 'sessionAffinity');
  if (affinity === 'None') {
    delete spec.sessionAffinityConfig;
  } else if (affinity === 'ClientIP') {
    const timeout = child(child(spec, 'sessionAffinityConfig') ?? {}, 'clientIP')?.timeoutSeconds;
    if (timeout === undefined || timeout === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
}

/** Reachable from outside the cluster: node ports, load balancers, or external IPs. */
function isExternallyAccessible(spec: JsonObject): boolean {
  const type = stringField(spec, 'type');
  if (type === 'LoadBalancer' || type === 'NodePort') return true;
  return type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
}
