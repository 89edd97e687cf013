import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import type { Service } from '../base/services.js';
import { chunk, desiredEndpoints } from './desired.js';

function pod(name: string, ip: string, ready: boolean, deleting = false): Pod {
  return {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const service = (publishNotReadyAddresses = false): Service => ({
  metadata: { name: 'svc', namespace: 'ns' },
  spec: { selector: { app: 'a' }, publishNotReadyAddresses, ports: [{ port: 80, targetPort: 'http' }] },
});

describe('desiredEndpoints', () => {
  test('conditions: ready and serving, not ready, terminating (never ready unless published)', () => {
    const groups = desiredEndpoints(service(), [pod('c', '10.0.0.3', true, true), pod('a', '10.0.0.1', true), pod('b', '10.0.0.2', false)], () => 'zone-a');
    assert.equal(groups.length, 1);
    const [group] = groups;
    assert.deepEqual(group?.ports, [{ name: '', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(
      group?.endpoints.map((e) => [e.addresses[0], e.conditions]),
      [
        ['10.0.0.1', { ready: true, serving: true, terminating: false }],
        ['10.0.0.2', { ready: false, serving: false, terminating: false }],
        ['10.0.0.3', { ready: false, serving: true, terminating: true }],
      ],
    );
    assert.equal(group?.endpoints[0]?.zone, 'zone-a');
    assert.equal(group?.endpoints[0]?.nodeName, 'n1');
    assert.deepEqual(group?.endpoints[0]?.targetRef, { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' });
  });

  test('publishNotReadyAddresses makes every endpoint ready', () => {
    const [group] = desiredEndpoints(service(true), [pod('b', '10.0.0.2', false), pod('c', '10.0.0.3', true, true)], () => undefined);
    assert.deepEqual(group?.endpoints.map((e) => e.conditions.ready), [true, true]);
    assert.equal(group?.endpoints[0]?.zone, undefined);
  });

  test('slices hold at most 100 endpoints', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    assert.deepEqual(chunk(items).map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(chunk([]), []);
  });
});
