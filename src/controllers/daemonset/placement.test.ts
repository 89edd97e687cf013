import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../client/index.js';
import { daemonTolerations, nodeShouldRunDaemonPod, pinnedAffinity, targetNodeName, withTolerations } from './placement.js';

const node = (name: string, labels: Record<string, string> = {}, taints: { key: string; value?: string; effect: string }[] = []): Node => ({ metadata: { name, labels }, spec: { taints } });

test('automatic tolerations: network-unavailable only for hostNetwork; no duplicates', () => {
  assert.equal(daemonTolerations(false).length, 6);
  assert.ok(daemonTolerations(true).some((t) => t.key === 'node.kubernetes.io/network-unavailable'));
  const once = withTolerations(daemonTolerations(false), daemonTolerations(false));
  assert.equal(once.length, 6);
});

test('a NoSchedule taint stops new pods but keeps running ones; NoExecute removes them', () => {
  const spec = { tolerations: [] };
  assert.deepEqual(nodeShouldRunDaemonPod(node('a'), spec), { shouldRun: true, shouldContinueRunning: true });
  assert.deepEqual(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'x', effect: 'NoSchedule' }]), spec), { shouldRun: false, shouldContinueRunning: true });
  assert.deepEqual(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'x', effect: 'NoExecute' }]), spec), { shouldRun: false, shouldContinueRunning: false });
  // Automatic tolerations cover the node-condition taints.
  assert.deepEqual(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), spec), { shouldRun: true, shouldContinueRunning: true });
  assert.deepEqual(nodeShouldRunDaemonPod(node('a', { role: 'x' }), { nodeSelector: { role: 'y' } }), { shouldRun: false, shouldContinueRunning: false });
});

test('pinning replaces required terms with the node name, and the target node reads it back', () => {
  const affinity = pinnedAffinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] }, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 }] } }, 'n1');
  assert.deepEqual(affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
  assert.deepEqual(affinity.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution, [{ weight: 1 }]);
  assert.equal(targetNodeName({ affinity }), 'n1');
  assert.equal(targetNodeName({ nodeName: 'n2', affinity }), 'n2');
});
