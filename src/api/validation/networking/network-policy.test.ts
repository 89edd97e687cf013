import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { networkPolicyValidator as validator } from './network-policy.js';

const BASE: ApiObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    policyTypes: ['Ingress', 'Egress'],
  },
};

function policy(patch: Record<string, unknown> = {}): ApiObject {
  return defaulted('networking.k8s.io', 'networkpolicies', patched(BASE, patch));
}

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, policy(patch));
const ingress = (rule: unknown): string[] => check({ spec: { ingress: [rule] } });
const ipBlock = (block: unknown): string[] => check({ spec: { egress: [{ to: [{ ipBlock: block }] }] } });

describe('NetworkPolicy validation', () => {
  it('accepts a valid policy', () => {
    assert.deepEqual(check({}), []);
  });

  it('checks ports', () => {
    assert.deepEqual(ingress({ ports: [{ protocol: 'ICMP', port: 70000 }] }), [
      'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      'spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    assert.deepEqual(ingress({ ports: [{ port: 9000, endPort: 8000 }] }), [
      'spec.ingress[0].ports[0].endPort: Invalid value: 9000: must be greater than or equal to `port`',
    ]);
    assert.deepEqual(ingress({ ports: [{ port: 'http', endPort: 8000 }, { endPort: 1 }] }), [
      'spec.ingress[0].ports[0].endPort: Invalid value: 8000: may not be specified when `port` is non-numeric',
      'spec.ingress[0].ports[1].endPort: Invalid value: 1: may not be specified when `port` is not specified',
    ]);
  });

  it('requires exactly one kind of peer', () => {
    assert.deepEqual(ingress({ from: [{}] }), ['spec.ingress[0].from[0]: Required value: must specify a peer']);
    assert.deepEqual(ingress({ from: [{ podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } }] }), [
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ]);
    assert.deepEqual(ingress({ from: [{ podSelector: {}, namespaceSelector: {} }] }), []);
  });

  it('checks IP blocks', () => {
    assert.deepEqual(ipBlock({ cidr: '' }), ['spec.egress[0].to[0].ipBlock.cidr: Required value']);
    assert.deepEqual(ipBlock({ cidr: '10.0.0.0/33' }), [
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    assert.deepEqual(ipBlock({ cidr: '10.0.0.1/8' }), [
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length',
    ]);
    assert.deepEqual(ipBlock({ cidr: '10.0.0.0/16', except: ['10.0.0.0/16', '192.168.0.0/24', 'fd00::/64'] }), [
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
      'spec.egress[0].to[0].ipBlock.except[2]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
    ]);
    assert.deepEqual(ipBlock({ cidr: 'fd00::/48', except: ['fd00:0:0:1::/64'] }), []);
  });

  it('checks policy types', () => {
    assert.deepEqual(check({ spec: { policyTypes: ['Ingress', 'Sideways'] } }), [
      'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    ]);
    assert.deepEqual(check({ spec: { policyTypes: ['Ingress', 'Egress', 'Ingress'] } }), [
      'spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
    ]);
  });

  it('keeps accepting CIDRs the stored policy has', () => {
    const old = stored(policy({ spec: { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.1/8' } }] }] } }));
    assert.deepEqual(updateMessages(validator, patched(old, { spec: { policyTypes: ['Egress'] } }), old), []);
  });
});
