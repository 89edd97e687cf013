import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { ingressClassValidator as validator } from './ingress-class.js';

const BASE: ApiObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx' },
  spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'Params', name: 'p' } },
};

function ingressClass(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('networking.k8s.io', 'ingressclasses', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, ingressClass(patch));

describe('IngressClass validation', () => {
  it('accepts a valid class (parameters default to cluster scope)', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires a domain-prefixed controller', () => {
    assert.deepEqual(check({ spec: { controller: 'nginx' } }), [
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
    assert.deepEqual(check({ spec: { controller: 'example.com/a b' } }), [
      "spec.controller: Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
    ]);
    assert.deepEqual(check({ spec: { controller: `example.com/${'a'.repeat(240)}` } }), ['spec.controller: Too long: may not be more than 250 bytes']);
  });

  it('checks the parameters scope', () => {
    assert.deepEqual(check({ spec: { parameters: { scope: 'Namespace' } } }), [
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]);
    assert.deepEqual(check({ spec: { parameters: { scope: 'Cluster', namespace: 'x' } } }), [
      "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
    ]);
    assert.deepEqual(check({ spec: { parameters: { scope: 'World' } } }), [
      'spec.parameters.scope: Unsupported value: "World": supported values: "Cluster", "Namespace"',
    ]);
  });

  it('keeps the controller immutable', () => {
    const old = stored(ingressClass());
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { controller: 'example.com/other' } }), old), [
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
  });
});
