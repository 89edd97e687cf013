import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import type { Job, PodFailurePolicyRule } from './types.js';

const job = (rules: PodFailurePolicyRule[]): Job => ({ metadata: { name: 'j' }, spec: { podFailurePolicy: { rules } } });
const failedPod = (exitCodes: Record<string, number>, conditions: { type: string; status: string }[] = []): Pod => ({
  metadata: { name: 'p', namespace: 'ns' },
  status: { phase: 'Failed', conditions, containerStatuses: Object.entries(exitCodes).map(([name, exitCode]) => ({ name, state: { terminated: { exitCode } } })) },
});

test('the first rule matching an exit code wins, with upstream’s message', () => {
  const rules: PodFailurePolicyRule[] = [
    { action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } },
    { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
  ];
  const match = matchPodFailurePolicy(job(rules), failedPod({ main: 42 }));
  assert.equal(match?.rule.action, 'FailJob');
  assert.equal(match?.message, 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1');
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 3 }))?.rule.action, 'Ignore');
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 1 })), undefined);
});

test('exit code 0 never matches, and containerName narrows the rule', () => {
  const rules: PodFailurePolicyRule[] = [{ action: 'FailJob', onExitCodes: { containerName: 'side', operator: 'NotIn', values: [] } }];
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 5, side: 0 })), undefined);
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 0, side: 9 }))?.rule.action, 'FailJob');
});

test('pod conditions match on type and status (True by default)', () => {
  const rules: PodFailurePolicyRule[] = [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }];
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 1 }, [{ type: 'DisruptionTarget', status: 'True' }]))?.rule.action, 'Ignore');
  assert.equal(matchPodFailurePolicy(job(rules), failedPod({ main: 1 }, [{ type: 'DisruptionTarget', status: 'False' }])), undefined);
});
