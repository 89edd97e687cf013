import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffinityLabelKeys } from './affinity-label-keys.js';

test('matchLabelKeys and mismatchLabelKeys join the selector as In and NotIn with the pod\'s own values', () => {
  const pod = {
    metadata: { labels: { app: 'web', 'pod-template-hash': 'abc', tenant: 't1' } },
    spec: {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['pod-template-hash', 'missing'], mismatchLabelKeys: ['tenant'] },
            { topologyKey: 'zone', matchLabelKeys: ['pod-template-hash'] },
          ],
        },
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, topologyKey: 'zone', matchLabelKeys: ['app'] } },
          ],
        },
      },
    },
  };
  applyAffinityLabelKeys(pod);
  const [required, withoutSelector] = pod.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  assert.deepEqual((required!.labelSelector as { matchExpressions?: unknown }).matchExpressions, [
    { key: 'pod-template-hash', operator: 'In', values: ['abc'] },
    { key: 'tenant', operator: 'NotIn', values: ['t1'] },
  ]);
  assert.equal('labelSelector' in withoutSelector!, false, 'a term without a selector selects nothing and stays so');
  assert.deepEqual(pod.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]!.podAffinityTerm.labelSelector.matchExpressions, [
    { key: 'tier', operator: 'Exists' },
    { key: 'app', operator: 'In', values: ['web'] },
  ]);
});
