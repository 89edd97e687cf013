import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { ingressValidator as validator } from './ingress.js';

const BACKEND = { service: { name: 'web', port: { number: 80 } } };

const BASE: ApiObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ingressClassName: 'nginx',
    rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND }] } }],
    tls: [{ hosts: ['example.com'], secretName: 'web-tls' }],
  },
};

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(BASE, patch));
const path = (p: unknown): string[] => check({ spec: { rules: [{ http: { paths: [p] } }] } });

describe('Ingress validation', () => {
  it('accepts a valid ingress', () => {
    assert.deepEqual(check({}), []);
  });

  it('needs rules or a default backend', () => {
    assert.deepEqual(check({ spec: { rules: null, defaultBackend: null } }), [
      'spec: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    ]);
    assert.deepEqual(check({ spec: { rules: null, defaultBackend: BACKEND } }), []);
  });

  it('checks hosts', () => {
    assert.deepEqual(check({ spec: { rules: [{ host: '10.0.0.1' }, { host: '*.example.com' }, { host: 'a*.example.com' }] } }), [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      "spec.rules[2].host: Invalid value: \"a*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('checks paths by their type', () => {
    assert.deepEqual(path({ path: '/a', backend: BACKEND }), ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
    assert.deepEqual(path({ path: 'a//b/..', pathType: 'Exact', backend: BACKEND }), [
      'spec.rules[0].http.paths[0].path: Invalid value: "a//b/..": must be an absolute path',
      "spec.rules[0].http.paths[0].path: Invalid value: \"a//b/..\": must not contain '//'",
      "spec.rules[0].http.paths[0].path: Invalid value: \"a//b/..\": cannot end with '/..'",
    ]);
    assert.deepEqual(path({ path: 'x', pathType: 'ImplementationSpecific', backend: BACKEND }), [
      'spec.rules[0].http.paths[0].path: Invalid value: "x": must be an absolute path',
    ]);
    assert.deepEqual(path({ path: '/', pathType: 'Regex', backend: BACKEND }), [
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ]);
    assert.deepEqual(check({ spec: { rules: [{ http: { paths: [] } }] } }), ['spec.rules[0].http.paths: Required value']);
  });

  it('checks backends', () => {
    const backend = (b: unknown): string[] => path({ path: '/', pathType: 'Prefix', backend: b });
    assert.deepEqual(backend({}), ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required']);
    assert.deepEqual(backend({ ...BACKEND, resource: { kind: 'Bucket', name: 'b' } }), [
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends',
    ]);
    assert.deepEqual(backend({ service: { name: '1web', port: { name: 'http', number: 80 } } }), [
      "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
    ]);
    assert.deepEqual(backend({ service: { name: 'web', port: {} } }), [
      'spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    ]);
    assert.deepEqual(backend({ resource: { apiGroup: 'Storage', kind: '', name: 'b' } }), [
      "spec.rules[0].http.paths[0].backend.resource.apiGroup: Invalid value: \"Storage\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.rules[0].http.paths[0].backend.resource.kind: Required value: kind is required',
    ]);
  });

  it('checks TLS, the class name and the class annotation', () => {
    assert.deepEqual(check({ spec: { tls: [{ hosts: ['*.example.com'], secretName: 'Bad' }] } }), [
      "spec.tls[0].secretName: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    assert.deepEqual(check({ metadata: { annotations: { 'kubernetes.io/ingress.class': 'traefik' } } }), [
      'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
  });

  it('keeps accepting invalid secret names an ingress already has', () => {
    const old = stored(patched(BASE, { spec: { tls: [{ secretName: 'Bad' }] } }));
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { ingressClassName: 'other' } }), old), []);
    const clean = stored(BASE);
    assert.equal(updateMessages(validator, patched(clean, { spec: { tls: [{ secretName: 'Bad' }] } }), clean).length, 1);
  });
});
