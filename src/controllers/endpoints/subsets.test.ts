import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import type { Service } from '../base/services.js';
import { computeSubsets } from './subsets.js';

function pod(name: string, ip: string | undefined, ready: boolean, extra: { deleting?: boolean; phase?: string; restartPolicy?: string; hostname?: string; subdomain?: string; ports?: { name: string; containerPort: number }[] } = {}): Pod {
  return {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(extra.deleting === true ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      nodeName: 'n1',
      restartPolicy: extra.restartPolicy,
      hostname: extra.hostname,
      subdomain: extra.subdomain,
      containers: [{ name: 'c', ports: extra.ports ?? [{ name: 'http', containerPort: 8080 }] }],
    },
    status: { phase: extra.phase ?? 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const service = (spec: Service['spec'] = {}): Service => ({ metadata: { name: 'svc', namespace: 'ns' }, spec: { selector: { app: 'a' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }], ...spec } });

describe('computeSubsets', () => {
  test('ready pods are addresses, others notReadyAddresses, sorted by IP, named port resolved per pod', () => {
    const pods = [pod('b', '10.0.0.2', true, { ports: [{ name: 'http', containerPort: 9090 }] }), pod('a', '10.0.0.1', true), pod('c', '10.0.0.3', false)];
    const subsets = computeSubsets(service(), pods);
    assert.equal(subsets.length, 2);
    const s8080 = subsets.find((s) => s.ports?.[0]?.port === 8080)!;
    assert.deepEqual(s8080.addresses?.map((a) => a.ip), ['10.0.0.1']);
    assert.deepEqual(s8080.notReadyAddresses?.map((a) => a.ip), ['10.0.0.3']);
    assert.deepEqual(s8080.ports, [{ name: 'web', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(s8080.addresses?.[0]?.targetRef, { kind: 'Pod', namespace: 'ns', name: 'a', uid: 'uid-a' });
    assert.equal(s8080.addresses?.[0]?.nodeName, 'n1');
    const s9090 = subsets.find((s) => s.ports?.[0]?.port === 9090)!;
    assert.deepEqual(s9090.addresses?.map((a) => a.ip), ['10.0.0.2']);
  });

  test('publishNotReadyAddresses lists not-ready and terminating pods as ready', () => {
    const subsets = computeSubsets(service({ publishNotReadyAddresses: true }), [pod('a', '10.0.0.1', false), pod('b', '10.0.0.2', true, { deleting: true })]);
    assert.deepEqual(subsets[0]?.addresses?.map((a) => a.ip), ['10.0.0.1', '10.0.0.2']);
    assert.equal(subsets[0]?.notReadyAddresses, undefined);
  });

  test('pods without IP, being deleted, finished for good, or lacking the named port are left out', () => {
    const pods = [
      pod('noip', undefined, true),
      pod('gone', '10.0.0.1', true, { deleting: true }),
      pod('done', '10.0.0.2', false, { phase: 'Succeeded', restartPolicy: 'Never' }),
      pod('noport', '10.0.0.3', true, { ports: [] }),
    ];
    assert.deepEqual(computeSubsets(service(), pods), []);
  });

  test('a headless Service without ports lists addresses without ports; hostname when the subdomain names the Service', () => {
    const subsets = computeSubsets(service({ clusterIP: 'None', ports: [] }), [pod('a', '10.0.0.1', true, { hostname: 'host-a', subdomain: 'svc' }), pod('b', '10.0.0.2', true, { hostname: 'host-b', subdomain: 'other' })]);
    assert.equal(subsets.length, 1);
    assert.equal(subsets[0]?.ports, undefined);
    assert.deepEqual(subsets[0]?.addresses?.map((a) => [a.ip, a.hostname]), [['10.0.0.1', 'host-a'], ['10.0.0.2', undefined]]);
  });

  test('a numeric targetPort, or none (the port itself), is used as is', () => {
    const subsets = computeSubsets(service({ ports: [{ name: 'a', port: 80, targetPort: 9000 }, { name: 'b', port: 81 }] }), [pod('a', '10.0.0.1', true)]);
    assert.deepEqual(subsets[0]?.ports?.map((p) => p.port), [9000, 81]);
  });
});
