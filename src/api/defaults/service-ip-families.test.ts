import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from './json.js';
import { initServiceIPFamilies, type IPFamily } from './service-ip-families.js';

function families(spec: JsonObject, cluster: IPFamily[] = ['IPv4'], oldSpec?: JsonObject): JsonObject {
  const service: JsonObject = { spec };
  initServiceIPFamilies(service, oldSpec === undefined ? undefined : { spec: oldSpec }, cluster);
  return service.spec as JsonObject;
}

test('a new service on a single-stack cluster is single-stack in its family', () => {
  assert.deepEqual(families({ type: 'ClusterIP' }), { type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
  assert.deepEqual(families({}, ['IPv6']), { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv6'] });
});

test('ExternalName services get no families', () => {
  assert.deepEqual(families({ type: 'ExternalName' }), { type: 'ExternalName' });
});

test('families follow the cluster IPs given', () => {
  const spec = families({ clusterIPs: ['fd00::10', '10.96.0.10'], ipFamilyPolicy: 'PreferDualStack' }, ['IPv4', 'IPv6']);
  assert.deepEqual(spec.ipFamilies, ['IPv6', 'IPv4']);
});

test('headless services without a selector require dual-stack, even on a single-stack cluster', () => {
  assert.deepEqual(families({ clusterIP: 'None', clusterIPs: ['None'] }), {
    clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'],
  });
  const withSelector = families({ clusterIP: 'None', selector: { app: 'db' } });
  assert.deepEqual([withSelector.ipFamilyPolicy, withSelector.ipFamilies], ['SingleStack', ['IPv4']]);
});

test('dual-stack cluster: PreferDualStack gets both families, primary first', () => {
  assert.deepEqual(families({ ipFamilyPolicy: 'PreferDualStack' }, ['IPv6', 'IPv4']).ipFamilies, ['IPv6', 'IPv4']);
  assert.deepEqual(families({ ipFamilyPolicy: 'PreferDualStack' }, ['IPv4']).ipFamilies, ['IPv4']);
});

test('an update without a policy keeps the old one', () => {
  const spec = families({ clusterIPs: ['10.96.0.10'] }, ['IPv4', 'IPv6'], { ipFamilyPolicy: 'PreferDualStack' });
  assert.deepEqual([spec.ipFamilyPolicy, spec.ipFamilies], ['PreferDualStack', ['IPv4', 'IPv6']]);
});

test('idempotent', () => {
  const service: JsonObject = { spec: { clusterIP: 'None' } };
  initServiceIPFamilies(service, undefined, ['IPv4']);
  const once = structuredClone(service);
  initServiceIPFamilies(service, undefined, ['IPv4']);
  assert.deepEqual(service, once);
});
