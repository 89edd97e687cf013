// Defaults of the networking.k8s.io and discovery.k8s.io groups. Ingress, IPAddress and
// ServiceCIDR have none.

import { child, defaultUnset, ensureChild, isEmpty, items, withChild, type JsonObject } from './json.js';

export function defaultNetworkPolicy(policy: JsonObject): void {
  const spec = ensureChild(policy, 'spec');
  for (const direction of ['ingress', 'egress']) {
    for (const rule of items(spec, direction)) {
      for (const port of items(rule, 'ports')) defaultUnset(port, 'protocol', () => 'TCP');
    }
  }
  // A policy that names no types is about ingress, and about egress too if it has egress rules.
  if (isEmpty(spec.policyTypes)) {
    spec.policyTypes = isEmpty(spec.egress) ? ['Ingress'] : ['Ingress', 'Egress'];
  }
}

export function defaultIngressClass(ingressClass: JsonObject): void {
  withChild(child(ingressClass, 'spec'), 'parameters', (parameters) => defaultUnset(parameters, 'scope', () => 'Cluster'));
}

export function defaultEndpointSlice(slice: JsonObject): void {
  for (const port of items(slice, 'ports')) {
    defaultUnset(port, 'name', () => '');
    defaultUnset(port, 'protocol', () => 'TCP');
  }
}
