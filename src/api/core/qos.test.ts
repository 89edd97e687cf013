import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qosClassOf } from './qos.js';

test('QoS classes follow requests and limits', () => {
  assert.equal(qosClassOf({ containers: [{}] }), 'BestEffort');
  assert.equal(qosClassOf({ containers: [{ resources: { requests: { cpu: '100m' } } }] }), 'Burstable');
  const both = { cpu: '1', memory: '1Gi' };
  assert.equal(qosClassOf({ containers: [{ resources: { requests: both, limits: both } }] }), 'Guaranteed');
  assert.equal(qosClassOf({ containers: [{ resources: { requests: { cpu: '1000m', memory: '1Gi' }, limits: both } }] }), 'Guaranteed');
  assert.equal(qosClassOf({ containers: [{ resources: { limits: both } }, {}] }), 'Burstable');
  assert.equal(qosClassOf({ containers: [{ resources: { limits: both } }], initContainers: [{ resources: { requests: { cpu: '2' }, limits: both } }] }), 'Burstable');
});
