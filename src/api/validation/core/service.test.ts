import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators } from './index.js';
import { assertExactly, assertHas, assertValid, defaulted, messages } from './validation.testing.js';

const { validate, validateUpdate, validateStatusUpdate } = coreValidators.services!;

function service(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): ApiObject {
  return defaulted('services', { metadata: { name: 'web', namespace: 'default', ...meta }, spec: { selector: { app: 'web' }, ...spec } });
}
const port80 = { port: 80 };

describe('service create', () => {
  test('a ClusterIP service with one port is valid', () => {
    assertValid(validate(service({ ports: [port80] })));
    assertValid(validate(service({ ports: [port80], clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' })));
  });

  test('service names are DNS-1035 labels', () => {
    assertHas(
      validate(service({ ports: [port80] }, { name: '1web' })),
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
        "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  test('ports: required, in range, named when several, unique', () => {
    assertExactly(validate(service({})), ['spec.ports: Required value']);
    assertExactly(validate(service({ ports: [{ port: 0 }] })), [
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    assertExactly(validate(service({ ports: [{ port: 80, name: 'http' }, { port: 81 }] })), ['spec.ports[1].name: Required value']);
    assertExactly(validate(service({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] })), [
      'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    ]);
    assertExactly(validate(service({ ports: [{ port: 80, nodePort: 30080 }] })), [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  test('type and session affinity are enumerations', () => {
    assertHas(validate(service({ ports: [port80], type: 'Internal' })), 'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    assertExactly(validate(service({ ports: [port80], sessionAffinity: 'Cookie' })), [
      'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"',
    ]);
  });

  test('cluster IPs: valid, in sync, None only alone and not for NodePort', () => {
    assertExactly(validate(service({ ports: [port80], clusterIP: '10.0.0.300', clusterIPs: ['10.0.0.300'] })), [
      'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    assertExactly(validate(service({ ports: [port80], clusterIP: '10.0.0.1' })), ['spec.clusterIPs: Required value']);
    assertHas(validate(service({ ports: [port80], type: 'NodePort', clusterIP: 'None', clusterIPs: ['None'] })), "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    assertExactly(validate(service({ ports: [port80], clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'] })), [
      'spec.clusterIPs: Invalid value: ["10.0.0.1","10.0.0.2"]: may specify no more than one IP for each IP family',
    ]);
  });

  test('a headless service needs no ports', () => {
    assertValid(validate(service({ clusterIP: 'None', clusterIPs: ['None'] })));
  });

  test('ExternalName services: a DNS name, no cluster IPs', () => {
    assertValid(validate(service({ type: 'ExternalName', externalName: 'db.example.com.' })));
    assertExactly(validate(service({ type: 'ExternalName' })), ['spec.externalName: Required value']);
    assertExactly(validate(service({ type: 'ExternalName', externalName: 'x.com', clusterIPs: ['10.0.0.1'], clusterIP: '10.0.0.1' })), [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    ]);
  });

  test('external IPs: canonical and not special', () => {
    assertExactly(validate(service({ ports: [port80], externalIPs: ['127.0.0.1'] })), [
      'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });

  test('LoadBalancer fields only on LoadBalancer services', () => {
    assertExactly(validate(service({ ports: [port80], loadBalancerSourceRanges: ['10.0.0.0/8'] })), [
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
    assertValid(validate(service({ ports: [port80], type: 'LoadBalancer' })));
    assertExactly(validate(service({ ports: [port80], type: 'LoadBalancer', externalTrafficPolicy: 'Local' })), ['spec.healthCheckNodePort: Required value']);
  });
});

describe('service update', () => {
  const withIP = (ip: string): ApiObject =>
    service({ ports: [port80], clusterIP: ip, clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }, { resourceVersion: '3' });

  test('the cluster IP may not change', () => {
    assertValid(validateUpdate(withIP('10.96.0.10'), withIP('10.96.0.10')));
    assertExactly(validateUpdate(withIP('10.96.0.11'), withIP('10.96.0.10')), [
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set',
    ]);
  });

  test('status: load balancer ingress only for LoadBalancer services', () => {
    const svc = withIP('10.96.0.10');
    svc.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
    assert.deepEqual(messages(validateStatusUpdate!(svc, withIP('10.96.0.10'))), [
      "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
    ]);
  });
});
