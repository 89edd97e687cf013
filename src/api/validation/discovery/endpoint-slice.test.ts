import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, defaulted, patched, stored, updateMessages } from '../validation.testing.js';
import { endpointSliceValidator as validator } from './endpoint-slice.js';

const SLICE: ApiObject = defaulted('discovery.k8s.io', 'endpointslices', {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'default' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.0.1'], nodeName: 'n1', hints: { forZones: [{ name: 'a' }] } }],
  ports: [{ name: 'http', port: 80 }],
});

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(SLICE, patch));

describe('EndpointSlice validation', () => {
  it('accepts a valid slice', () => {
    assert.deepEqual(check({}), []);
  });

  it('knows the address types, and keeps the one it was created with', () => {
    assert.deepEqual(check({ addressType: 'IPv5' }), ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']);
    assert.deepEqual(check({ addressType: null }), ['addressType: Required value']);
    const fqdn = patched(SLICE, { addressType: 'FQDN', endpoints: [{ addresses: ['web.example.com'] }] });
    assert.deepEqual(updateMessages(validator, fqdn, stored(SLICE)), ['addressType: Invalid value: "FQDN": field is immutable']);
  });

  it('checks addresses against the type', () => {
    assert.deepEqual(check({ endpoints: [{ addresses: [] }] }), ['endpoints[0].addresses: Required value: must contain at least 1 address']);
    assert.deepEqual(check({ endpoints: [{ addresses: ['fd00::1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']);
    assert.deepEqual(check({ endpoints: [{ addresses: ['127.0.0.1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    assert.deepEqual(createMessages(validator, patched(SLICE, { addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] })), [
      'endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots',
    ]);
  });

  it('checks hostnames, node names and hints', () => {
    const [hostname] = check({ endpoints: [{ addresses: ['10.0.0.1'], hostname: 'Bad_Host' }] });
    assert.match(hostname ?? '', /^endpoints\[0\]\.hostname: Invalid value: "Bad_Host": a lowercase RFC 1123 label must consist of/);
    assert.deepEqual(check({ endpoints: [{ addresses: ['10.0.0.1'], hints: { forZones: [{ name: 'a' }, { name: 'a' }] } }] }), ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"']);
  });

  it('checks ports', () => {
    assert.deepEqual(check({ ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'http', port: 81, protocol: 'TCP' }] }), ['ports[1].name: Duplicate value: "http"']);
    assert.deepEqual(check({ ports: [{ name: 'x', port: 80, protocol: 'ICMP' }] }), ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']);
  });
});
