import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';
import { defaultService } from './service.js';

function spec(input: JsonObject, status?: JsonObject): JsonObject {
  const service: JsonObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: input };
  if (status !== undefined) service.status = status;
  return defaulted(defaultService, service);
}

test('a ClusterIP service', () => {
  const out = spec({ selector: { app: 'web' }, ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }] });
  assert.deepEqual(out.spec, {
    selector: { app: 'web' },
    ports: [
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { port: 53, protocol: 'UDP', targetPort: 'dns' },
    ],
    type: 'ClusterIP',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
  });
});

test('NodePort and LoadBalancer services are externally accessible', () => {
  const nodePort = spec({ type: 'NodePort', ports: [{ port: 80, targetPort: 0 }] }).spec as JsonObject;
  assert.equal(nodePort.externalTrafficPolicy, 'Cluster');
  assert.equal(nodePort.allocateLoadBalancerNodePorts, undefined);
  assert.deepEqual(nodePort.ports, [{ port: 80, targetPort: 80, protocol: 'TCP' }]);
  const lb = spec(
    { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
    { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { hostname: 'lb.example.com' }, { ip: '192.0.2.2', ipMode: 'Proxy' }] } },
  );
  assert.deepEqual(lb.spec, {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    allocateLoadBalancerNodePorts: true,
  });
  assert.deepEqual(lb.status, {
    loadBalancer: { ingress: [{ ip: '192.0.2.1', ipMode: 'VIP' }, { hostname: 'lb.example.com' }, { ip: '192.0.2.2', ipMode: 'Proxy' }] },
  });
  const external = spec({ externalIPs: ['192.0.2.9'] }).spec as JsonObject;
  assert.equal(external.externalTrafficPolicy, 'Cluster');
});

test('ExternalName services get no traffic policies', () => {
  assert.deepEqual(spec({ type: 'ExternalName', externalName: 'example.com' }).spec, {
    type: 'ExternalName',
    externalName: 'example.com',
    sessionAffinity: 'None',
  });
});

test('session affinity: None drops the config, ClientIP gets three hours', () => {
  assert.equal((spec({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } }).spec as JsonObject).sessionAffinityConfig, undefined);
  assert.deepEqual((spec({ sessionAffinity: 'ClientIP' }).spec as JsonObject).sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  assert.deepEqual(
    (spec({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }).spec as JsonObject).sessionAffinityConfig,
    { clientIP: { timeoutSeconds: 60 } },
  );
});
