import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from './load.js';
import { ARGS_TYPES } from './plugin-args.js';
import { REGISTRY } from '../plugins/registry.js';

const base = { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration' };
const withArgs = (...pluginConfig: { name: string; args?: unknown }[]) => ({ ...base, profiles: [{ schedulerName: 'p', pluginConfig }] });

function message(doc: unknown): string {
  try {
    parseConfig(doc);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

test('every args type belongs to a plugin kubets has', () => {
  for (const name of ARGS_TYPES.keys()) assert.ok(REGISTRY.has(name), name);
});

test('good args of every args type load', () => {
  const config = parseConfig(
    withArgs(
      { name: 'DefaultPreemption', args: { minCandidateNodesPercentage: 20, minCandidateNodesAbsolute: 50 } },
      { name: 'InterPodAffinity', args: { hardPodAffinityWeight: 5, ignorePreferredTermsOfExistingPods: true } },
      {
        name: 'NodeAffinity',
        args: {
          addedAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['a'] }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
          },
        },
      },
      { name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory' }, { name: 'nvidia.com/gpu', weight: 0 }] } },
      { name: 'NodeResourcesFit', args: { ignoredResourceGroups: ['example.com'], scoringStrategy: { type: 'MostAllocated' } } },
      { name: 'PodTopologySpread', args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }] } },
      { name: 'VolumeBinding', args: { bindTimeoutSeconds: 30 } },
      { name: 'PrioritySort', args: {} },
    ),
  );
  assert.equal(config.profiles[0]?.pluginConfig?.length, 8);
});

test('NodeAffinityArgs: addedAffinity is checked as a pod affinity is, at upstream field paths', () => {
  assert.equal(
    message(withArgs({ name: 'NodeAffinity', args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } })),
    'profiles[0].pluginConfig[0].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
  );
  assert.equal(
    message(withArgs({ name: 'NodeAffinity', args: { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'In' }] } }] } } })),
    '[profiles[0].pluginConfig[0].args.addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100, ' +
      "profiles[0].pluginConfig[0].args.addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn']",
  );
});

test('NodeResourcesBalancedAllocationArgs: resources named once, each of weight 1', () => {
  assert.equal(
    message(withArgs({ name: 'NodeResourcesBalancedAllocation', args: { resources: [{ name: 'cpu' }, { name: 'cpu', weight: 2 }] } })),
    '[profiles[0].pluginConfig[0].args.resources[1].name: Duplicate value: "cpu", profiles[0].pluginConfig[0].args.resources[1].weight: Invalid value: 2: must be 1]',
  );
});

test('strict decoding: unknown fields and wrong types, at any depth, are refused', () => {
  assert.equal(message(withArgs({ name: 'VolumeBinding', args: { bindTimeout: 3 } })), 'profiles[0].pluginConfig[0].args.bindTimeout: unknown field');
  assert.equal(message(withArgs({ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated', resource: [] } } })), 'profiles[0].pluginConfig[0].args.scoringStrategy.resource: unknown field');
  assert.equal(
    message(withArgs({ name: 'NodeAffinity', args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpression: [] }] } } } })),
    'profiles[0].pluginConfig[0].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpression: unknown field',
  );
  assert.equal(
    message(withArgs({ name: 'PodTopologySpread', args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 'two' }] } })),
    'profiles[0].pluginConfig[0].args.defaultConstraints[0]: cannot unmarshal string into Go struct field TopologySpreadConstraint.minDomains of type int32',
  );
  assert.equal(message(withArgs({ name: 'InterPodAffinity', args: { hardPodAffinityWeight: '5' } })), 'profiles[0].pluginConfig[0].args.hardPodAffinityWeight: must be an integer, got string "5"');
  assert.equal(message(withArgs({ name: 'VolumeBinding', args: { shape: [{ utilization: 0, score: 0 }] } })), 'profiles[0].pluginConfig[0].args.shape: Invalid value: unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring');
});

test('args for a plugin without an args type are passed over, as upstream; a plugin configured twice is refused', () => {
  assert.doesNotThrow(() => parseConfig(withArgs({ name: 'PrioritySort', args: { anything: 1 } })));
  assert.equal(message(withArgs({ name: 'VolumeBinding' }, { name: 'VolumeBinding' })), 'profiles[0].pluginConfig[1]: Duplicate value: "VolumeBinding"');
});

test('other args types keep their checks, now at indexed paths', () => {
  assert.equal(message(withArgs({ name: 'InterPodAffinity', args: { hardPodAffinityWeight: 101 } })), 'profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]');
  assert.equal(
    message(withArgs({ name: 'NodeResourcesFit', args: { ignoredResourceGroups: ['example.com/x'], scoringStrategy: { type: 'LeastAllocated', requestedToCapacityRatio: { shape: [] } } } })),
    "[profiles[0].pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio: Forbidden: must be nil when type is not RequestedToCapacityRatio, profiles[0].pluginConfig[0].args.ignoredResourceGroups[0]: Invalid value: \"example.com/x\": resource group name can't contain '/']",
  );
});
