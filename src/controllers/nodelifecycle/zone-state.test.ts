import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeZoneState, DEFAULT_EVICTION_RATES, zoneEvictionRate, zoneOf } from './zone-state.js';

test('zone state: full disruption needs every node not ready', () => {
  assert.equal(computeZoneState(['Unknown', 'False'], 0.55), 'FullDisruption');
  assert.equal(computeZoneState(['True', 'Unknown'], 0.55), 'Normal');
  assert.equal(computeZoneState([], 0.55), 'Normal');
});

test('zone state: partial disruption needs more than two not ready at the threshold', () => {
  assert.equal(computeZoneState(['True', 'Unknown', 'Unknown'], 0.55), 'Normal', 'two not ready never disrupt');
  assert.equal(computeZoneState(['True', 'Unknown', 'Unknown', 'False'], 0.55), 'PartialDisruption');
  assert.equal(computeZoneState(['True', 'True', 'Unknown', 'Unknown', 'False', 'True'], 0.55), 'Normal', '3 of 6 is under 0.55');
});

test('eviction rate per zone state', () => {
  const rates = DEFAULT_EVICTION_RATES;
  assert.equal(zoneEvictionRate('Normal', 10, rates), 0.1);
  assert.equal(zoneEvictionRate('FullDisruption', 10, rates), 0.1);
  assert.equal(zoneEvictionRate('PartialDisruption', 10, rates), 0, 'small zones stop evicting');
  assert.equal(zoneEvictionRate('PartialDisruption', 51, rates), 0.01, 'large zones slow down');
});

test('zone key from the topology labels', () => {
  assert.equal(zoneOf({ metadata: { labels: { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'a' } } }), 'r:\u0000:a');
  assert.equal(zoneOf({ metadata: { name: 'n' } }), '');
});
