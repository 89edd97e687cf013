import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodAffinityTerm } from '../../framework/types.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import type { NamespaceLabels } from './terms.js';
import { interPodAffinityArgs } from './affinity-args.js';
import { AFFINITY_REASON, ANTI_AFFINITY_REASON, EXISTING_ANTI_AFFINITY_REASON, interPodAffinity } from './inter-pod-affinity.js';
import { Snapshot } from '../../cache/snapshot.js';

const handle = { snapshot: () => Snapshot.of([]), bind: async () => {} };
const term = (app: string, topologyKey = 'kubernetes.io/hostname'): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const labelled = (name: string, app: string, affinity: object = {}): Pod => {
  const p = makePod(name, {}, { affinity });
  p.metadata!.labels = { app };
  return p;
};
const zoneNode = (name: string, zone: string) => makeNode(name, undefined, { labels: { 'kubernetes.io/hostname': name, zone } });

function verdicts(pod: Pod, nodes: NodeInfo[], namespaceLabels?: NamespaceLabels): string[] {
  const plugin = interPodAffinity({ ...handle, snapshot: () => Snapshot.of(nodes) }, undefined, namespaceLabels);
  const state = new CycleState();
  const pre = plugin.preFilter(state, pod, nodes).status;
  if (pre.code === 'Skip') return nodes.map(() => 'Skip');
  return nodes.map((n) => {
    const s = plugin.filter(state, pod, n);
    return s.isSuccess() ? 'ok' : s.reasons[0]!;
  });
}

test('anti-affinity: at most one per hostname', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } };
  const nodes = [nodeInfo(zoneNode('a', 'z1'), labelled('web-1', 'web', anti)), nodeInfo(zoneNode('b', 'z1'))];
  assert.deepEqual(verdicts(labelled('web-2', 'web', anti), nodes), [ANTI_AFFINITY_REASON, 'ok']);
  // Existing pods' anti-affinity keeps out even pods that declare nothing.
  assert.deepEqual(verdicts(labelled('plain', 'web'), nodes), [EXISTING_ANTI_AFFINITY_REASON, 'ok']);
  assert.deepEqual(verdicts(labelled('other', 'db'), nodes), ['Skip', 'Skip']);
});

test('affinity: same zone as a matching pod; the first pod of a self-selecting group goes anywhere', () => {
  const withCache = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache', 'zone')] } };
  const nodes = [nodeInfo(zoneNode('a', 'z1'), labelled('cache-1', 'cache')), nodeInfo(zoneNode('b', 'z1')), nodeInfo(zoneNode('c', 'z2'))];
  assert.deepEqual(verdicts(labelled('app', 'app', withCache), nodes), ['ok', 'ok', AFFINITY_REASON]);
  const selfGroup = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('group', 'zone')] } };
  const empty = [nodeInfo(zoneNode('a', 'z1')), nodeInfo(makeNode('nozone'))];
  assert.deepEqual(verdicts(labelled('first', 'group', selfGroup), empty), ['ok', AFFINITY_REASON]);
  assert.deepEqual(verdicts(labelled('stranger', 'other', selfGroup), empty), [AFFINITY_REASON, AFFINITY_REASON]);
});

test('terms select pods in the owner\'s namespace unless they list namespaces', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } };
  const elsewhere = labelled('web-x', 'web');
  elsewhere.metadata!.namespace = 'other';
  const nodes = [nodeInfo(zoneNode('a', 'z1'), elsewhere)];
  assert.deepEqual(verdicts(labelled('web-2', 'web', anti), nodes), ['ok']);
  const allNs = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('web'), namespaceSelector: {} }] } };
  assert.deepEqual(verdicts(labelled('web-3', 'web', allNs), nodes), [ANTI_AFFINITY_REASON]);
});

test('a namespaceSelector selects pods in the namespaces whose labels it matches, besides those listed', () => {
  const inNamespace = (name: string, ns: string): Pod => {
    const p = labelled(name, 'web');
    p.metadata!.namespace = ns;
    return p;
  };
  const labels: Record<string, Record<string, string>> = { blue: { team: 'blue' }, red: { team: 'red' }, listed: {} };
  const nsLabels: NamespaceLabels = (ns) => labels[ns];
  const nodes = [nodeInfo(zoneNode('a', 'z1'), inNamespace('web-blue', 'blue')), nodeInfo(zoneNode('b', 'z1'), inNamespace('web-red', 'red')), nodeInfo(zoneNode('c', 'z1'), inNamespace('web-listed', 'listed'))];
  const selecting = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('web'), namespaceSelector: { matchLabels: { team: 'blue' } }, namespaces: ['listed'] }] } };
  assert.deepEqual(verdicts(labelled('new', 'web', selecting), nodes, nsLabels), [ANTI_AFFINITY_REASON, 'ok', ANTI_AFFINITY_REASON]);
  // A namespace the scheduler does not know has no labels to match.
  assert.deepEqual(verdicts(labelled('new', 'web', selecting), nodes), ['ok', 'ok', ANTI_AFFINITY_REASON]);
});

test('preferred terms score: the incoming pod\'s weights where selected pods run, existing pods\' terms that select it', () => {
  const nodes = [nodeInfo(zoneNode('a', 'z1'), labelled('cache-1', 'cache')), nodeInfo(zoneNode('b', 'z2')), nodeInfo(zoneNode('c', 'z3'), labelled('noisy', 'noisy'))];
  const plugin = interPodAffinity({ snapshot: () => Snapshot.of(nodes), bind: async () => {} });
  const pod = labelled('app', 'app', {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term('cache', 'zone') }] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term('noisy', 'zone') }] },
  });
  const state = new CycleState();
  assert.equal(plugin.preScore(state, pod, nodes).code, 'Success');
  const scores = nodes.map((n) => ({ name: n.name(), score: plugin.score(state, pod, n).score }));
  assert.deepEqual(scores.map((s) => s.score), [50, 0, -20]);
  plugin.normalizeScore!(state, pod, scores);
  assert.deepEqual(scores.map((s) => s.score), [100, 28, 0]);
  const plain = labelled('plain', 'x');
  assert.equal(interPodAffinity({ snapshot: () => Snapshot.of([nodeInfo(zoneNode('d', 'z'))]), bind: async () => {} }).preScore(new CycleState(), plain, []).code, 'Skip');
});

test('ignorePreferredTermsOfExistingPods: a pod without preferred terms of its own is not scored', () => {
  const existing = labelled('web-1', 'web', { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('app', 'zone') }] } });
  const nodes = [nodeInfo(zoneNode('a', 'z1'), existing), nodeInfo(zoneNode('b', 'z2'))];
  const handle = { snapshot: () => Snapshot.of(nodes), bind: async () => {} };
  const pod = labelled('app-1', 'app');
  const state = new CycleState();
  const scoring = interPodAffinity(handle);
  assert.equal(scoring.preScore(state, pod, nodes).code, 'Success');
  assert.deepEqual(nodes.map((n) => scoring.score(state, pod, n).score), [10, 0]);
  const ignoring = interPodAffinity(handle, interPodAffinityArgs({ ignorePreferredTermsOfExistingPods: true }));
  assert.equal(ignoring.preScore(new CycleState(), pod, nodes).code, 'Skip');
});
