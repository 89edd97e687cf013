import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import { defaultFlowSchema, defaultPriorityLevelConfiguration } from './flowcontrol.js';

test('FlowSchema: matching precedence 1000', () => {
  assert.deepEqual(defaulted(defaultFlowSchema, { spec: { priorityLevelConfiguration: { name: 'x' } } }).spec, {
    priorityLevelConfiguration: { name: 'x' },
    matchingPrecedence: 1000,
  });
});

test('PriorityLevelConfiguration: limited and exempt levels', () => {
  const limited = defaulted(defaultPriorityLevelConfiguration, { spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } } });
  assert.deepEqual(limited.spec, {
    type: 'Limited',
    limited: {
      limitResponse: { type: 'Queue', queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } },
      nominalConcurrencyShares: 30,
      lendablePercent: 0,
    },
  });
  const jail = defaulted(defaultPriorityLevelConfiguration, { spec: { type: 'Limited', limited: { nominalConcurrencyShares: 0, limitResponse: { type: 'Reject' } } } });
  assert.deepEqual(jail.spec, { type: 'Limited', limited: { nominalConcurrencyShares: 0, lendablePercent: 0, limitResponse: { type: 'Reject' } } });
  const exempt = defaulted(defaultPriorityLevelConfiguration, { spec: { type: 'Exempt', exempt: {} } });
  assert.deepEqual(exempt.spec, { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } });
});
