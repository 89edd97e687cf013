import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from './load.js';
import { buildFramework } from './profile.js';
import { testHandle } from '../testing/handle.js';

const handle = testHandle();
const base = { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration' };

test('the default profile expands to upstream\'s plugins and weights', () => {
  const [profile] = parseConfig(base).profiles;
  const fw = buildFramework(profile!, handle, undefined);
  assert.equal(fw.schedulerName, 'default-scheduler');
  assert.deepEqual(fw.plugins.preEnqueue.map((p) => p.name), ['SchedulingGates']);
  assert.equal(fw.plugins.queueSort?.name, 'PrioritySort');
  assert.deepEqual(fw.plugins.filter.map((p) => p.name), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity']);
  assert.deepEqual(fw.plugins.score.map((s) => [s.plugin.name, s.weight]), [
    ['TaintToleration', 3],
    ['NodeAffinity', 2],
    ['NodeResourcesFit', 1],
    ['PodTopologySpread', 2],
    ['InterPodAffinity', 2],
    ['NodeResourcesBalancedAllocation', 1],
    ['ImageLocality', 1],
  ]);
  assert.deepEqual(fw.plugins.postFilter.map((p) => p.name), ['DefaultPreemption']);
  assert.deepEqual(fw.plugins.bind.map((p) => p.name), ['DefaultBinder']);
});

test('profiles change weights, disable plugins and pass args', () => {
  const config = parseConfig({
    ...base,
    percentageOfNodesToScore: 30,
    profiles: [
      {
        schedulerName: 'custom',
        plugins: { score: { enabled: [{ name: 'NodeResourcesFit', weight: 5 }], disabled: [{ name: 'NodeResourcesBalancedAllocation' }] }, filter: { disabled: [{ name: 'TaintToleration' }] } },
        pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
      },
    ],
  });
  const fw = buildFramework(config.profiles[0]!, handle, config.percentageOfNodesToScore);
  assert.equal(fw.percentageOfNodesToScore, 30);
  assert.ok(!fw.plugins.filter.some((p) => p.name === 'TaintToleration'));
  assert.deepEqual(fw.plugins.score.map((s) => [s.plugin.name, s.weight]), [
    ['TaintToleration', 3],
    ['NodeAffinity', 2],
    ['PodTopologySpread', 2],
    ['InterPodAffinity', 2],
    ['ImageLocality', 1],
    ['NodeResourcesFit', 5],
  ]);
});

test('a bad file names the field', () => {
  const bad = (doc: unknown, field: string) =>
    assert.throws(() => parseConfig(doc), (e: unknown) => e instanceof ConfigError && e.field === field, field);
  bad({ ...base, apiVersion: 'v1' }, 'apiVersion');
  bad({ ...base, percentageOfNodesToScore: 120 }, 'percentageOfNodesToScore');
  bad({ ...base, bogus: 1 }, 'bogus');
  bad({ ...base, profiles: [{ recordVerdicts: 'yes' }] }, 'profiles[0].recordVerdicts');
  bad({ ...base, profiles: [{ schedulerName: 'a', plugins: { score: { enabled: [{ name: 'NoSuchPlugin' }] } } }] }, 'profiles[0].plugins.score.enabled[0].name');
  bad({ ...base, profiles: [{ schedulerName: 'a' }, { schedulerName: 'a' }] }, 'profiles[1].schedulerName');
  bad({ ...base, profiles: [{ schedulerName: 'a', plugins: { score: { enabled: [{ name: 'NodeAffinity', weight: 1000 }] } } }] }, 'profiles[0].plugins.score.enabled[0].weight');
  bad({ ...base, profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Nope' } } }] }] }, 'profiles[0].pluginConfig[0].args.scoringStrategy.type');
  assert.throws(
    () => parseConfig({ ...base, profiles: [{ pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 20 }] } } } }] }] }),
    (e: unknown) => e instanceof ConfigError && e.message === 'profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape[0].score: Invalid value: 20: not in valid range [0, 10]',
  );
});

test('args built in code, not loaded from a file, are still checked when the profile is built', () => {
  const profile = { schedulerName: 'a', pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Nope' } } }] };
  assert.throws(() => buildFramework(profile, handle, undefined, 'profiles[0]'), /profiles\[0\]\.pluginConfig\[0\]\.args: scoringStrategy\.type/);
});
