import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { testHandle } from '../../testing/handle.js';
import { nodeResourcesFit } from '../noderesources/fit.js';
import { interPodAffinity } from '../interpodaffinity/inter-pod-affinity.js';
import { podTopologySpread } from '../podtopologyspread/pod-topology-spread.js';
import { defaultPreemption } from './default-preemption.js';
import { PreemptionArgsError, numCandidates, preemptionArgs } from './preemption-args.js';
import { Snapshot } from '../../cache/snapshot.js';

test('args: defaults 10 % and 100, ranges checked, not both zero', () => {
  assert.deepEqual(preemptionArgs(undefined), { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
  assert.throws(() => preemptionArgs({ minCandidateNodesPercentage: 101, minCandidateNodesAbsolute: -1 }), (e: unknown) =>
    e instanceof PreemptionArgsError &&
    e.errors.join('\n') === 'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]\nminCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)');
  assert.throws(() => preemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }), /cannot be zero at the same time as minCandidateNodesAbsolute/);
  const defaults = preemptionArgs(undefined);
  assert.deepEqual([numCandidates(defaults, 5000), numCandidates(defaults, 500), numCandidates(defaults, 50)], [500, 100, 50]);
});

test('the dry run stops once enough candidates are found, from its random offset', () => {
  // Five full nodes; the victim on n3 matters least, so n3 wins when it is looked at.
  const priorities = [50, 40, 30, 10, 20];
  const nodes: NodeInfo[] = priorities.map((p, i) => nodeInfo(makeNode(`n${i}`, { cpu: '1', memory: '8Gi', pods: '110' }), makePod(`v${i}`, { cpu: '1' }, { priority: p })));
  const fit = nodeResourcesFit();
  const preemptor = makePod('high', { cpu: '1' }, { priority: 1000 });
  const chosen = (args: Record<string, unknown>, random: number): string | undefined => {
    const handle = testHandle(Snapshot.of(nodes), { runFilters: (s, p, n) => fit.filter(s, p, n) });
    const plugin = defaultPreemption(handle, { args: preemptionArgs(args), random: () => random });
    const state = new CycleState();
    fit.preFilter(state, preemptor, []);
    const statuses = new Map(nodes.map((n) => [n.name(), Status.unschedulable('Insufficient cpu')]));
    return plugin.postFilter(state, preemptor, statuses).nominatedNodeName;
  };
  assert.equal(chosen({}, 0), 'n3');
  // Two candidates from n0: n0 and n1 are compared; from n2: n2 and n3.
  assert.equal(chosen({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 2 }, 0), 'n1');
  assert.equal(chosen({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 2 }, 0.4), 'n3');
});

test('PreFilter extensions keep counted state true in the dry run: a pod blocked by anti-affinity preempts the pod it repels, a spread-blocked one the pod that skews', () => {
  const labelled = (pod: ReturnType<typeof makePod>, labels: Record<string, string>) => ({ ...pod, metadata: { ...pod.metadata!, labels } });
  const host = (name: string, zone = 'z1') => makeNode(name, { cpu: '4', memory: '8Gi', pods: '110' }, { labels: { 'kubernetes.io/hostname': name, zone } });
  // `elsewhere`: nodes another plugin rejected for good (they are counted, never preempted on).
  const scenario = (nodes: NodeInfo[], preemptor: ReturnType<typeof makePod>, plugin: 'anti' | 'spread', elsewhere: string[] = []) => {
    const handle0 = testHandle(Snapshot.of(nodes));
    const filterPlugin = plugin === 'anti' ? interPodAffinity(handle0) : podTopologySpread(handle0);
    const run = (withExtensions: boolean) => {
      const handle = testHandle(Snapshot.of(nodes), {
        runFilters: (s, p, n) => filterPlugin.filter(s, p, n),
        ...(withExtensions ? { preFilterExtensions: filterPlugin.extensions } : {}),
      });
      const state = new CycleState();
      filterPlugin.preFilter(state, preemptor, nodes);
      const statuses = new Map(nodes.map((n) => [n.name(), elsewhere.includes(n.name()) ? Status.unresolvable("node(s) didn't match Pod's node affinity/selector") : filterPlugin.filter(state, preemptor, n)]));
      return defaultPreemption(handle).postFilter(state, preemptor, statuses).nominatedNodeName;
    };
    return { withExtensions: run(true), without: run(false) };
  };

  // web-1 (low priority) holds the only node; the preemptor's anti-affinity repels it.
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
  const repelled = scenario([nodeInfo(host('a'), labelled(makePod('web-1', {}, { priority: 1 }), { app: 'web' }))], labelled(makePod('web-2', {}, { priority: 100, affinity: anti }), { app: 'web' }), 'anti');
  assert.deepEqual(repelled, { withExtensions: 'a', without: undefined });

  // Zone z1 has two low-priority "db" pods, z2's node (kept out by another plugin) none:
  // with maxSkew 1 the preemptor fits in z1 only once both are gone.
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'db' } } }] };
  const db = (name: string) => labelled(makePod(name, {}, { priority: 1 }), { app: 'db' });
  const skewed = scenario([nodeInfo(host('a'), db('db-1'), db('db-2')), nodeInfo(host('b', 'z2'))], labelled(makePod('db-3', {}, { priority: 100, ...spread }), { app: 'db' }), 'spread', ['b']);
  assert.deepEqual(skewed, { withExtensions: 'a', without: undefined });
});

test('the chosen node\'s nominated pods of lower priority lose their nomination; others keep theirs', () => {
  const nodes = [nodeInfo(makeNode('a', { cpu: '1', memory: '8Gi', pods: '110' }), makePod('victim', { cpu: '1' }, { priority: 0 })), nodeInfo(makeNode('b', { cpu: '1', memory: '8Gi', pods: '110' }), makePod('guard', { cpu: '1' }, { priority: 5000 }))];
  const nominated: Record<string, Pod[]> = {
    a: [makePod('lower', { cpu: '1' }, { priority: 500 }), makePod('peer', { cpu: '1' }, { priority: 1000 })],
    b: [makePod('elsewhere', { cpu: '1' }, { priority: 1 })],
  };
  const fit = nodeResourcesFit();
  const cleared: string[] = [];
  const handle = testHandle(Snapshot.of(nodes), {
    runFilters: (s, p, n) => fit.filter(s, p, n),
    nominatedPods: (node) => nominated[node] ?? [],
    clearNomination: (pod) => cleared.push(pod.metadata!.name!),
  });
  const preemptor = makePod('high', { cpu: '1' }, { priority: 1000 });
  const state = new CycleState();
  fit.preFilter(state, preemptor, []);
  const statuses = new Map(nodes.map((n) => [n.name(), Status.unschedulable('Insufficient cpu')]));
  assert.equal(defaultPreemption(handle).postFilter(state, preemptor, statuses).nominatedNodeName, 'a');
  assert.deepEqual(cleared, ['lower']);
});
