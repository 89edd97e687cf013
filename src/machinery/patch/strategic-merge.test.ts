// Strategic merge patch on built-in kinds: merge keys and strategies as the catalogue
// gives them (containers by name, ports by containerPort, env by name, volumes by name
// with retainKeys, tolerations replaced, finalizers as a merging set, …). Expected
// results are upstream's behaviour (k8s.io/apimachinery strategicpatch).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { builtinTypes, schemaOf } from './schema.testing.js';
import type { JsonObject } from './json-value.js';

const podSchema = schemaOf(builtinTypes, 'Pod');
const patchPod = (pod: JsonObject, patch: unknown): JsonObject => applyStrategicMergePatch(pod, patch, podSchema);

function pod(spec: JsonObject, metadata: JsonObject = { name: 'web' }): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

const names = (list: unknown): unknown[] => (list as JsonObject[]).map((item) => item.name ?? item.type);
const ports = (list: unknown): unknown[] => (list as JsonObject[]).map((item) => item.containerPort);

describe('strategic merge: Pod containers (merge by name)', () => {
  const original = pod({
    containers: [
      { name: 'app', image: 'app:1', args: ['--a'] },
      { name: 'proxy', image: 'proxy:1' },
    ],
  });

  it('merges the named container and leaves the others alone', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'app', image: 'app:2' }] } });
    assert.deepEqual(result.spec, {
      containers: [
        { name: 'app', image: 'app:2', args: ['--a'] },
        { name: 'proxy', image: 'proxy:1' },
      ],
    });
  });

  it('puts a container new to the list first, as upstream does without $setElementOrder', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'log', image: 'log:1' }] } });
    assert.deepEqual(names((result.spec as JsonObject).containers), ['log', 'app', 'proxy']);
  });

  it('places a new container where $setElementOrder says', () => {
    const result = patchPod(original, {
      spec: {
        '$setElementOrder/containers': [{ name: 'app' }, { name: 'proxy' }, { name: 'log' }],
        containers: [{ name: 'log', image: 'log:1' }],
      },
    });
    assert.deepEqual(names((result.spec as JsonObject).containers), ['app', 'proxy', 'log']);
  });

  it('reorders the list with $setElementOrder alone', () => {
    const result = patchPod(original, { spec: { '$setElementOrder/containers': [{ name: 'proxy' }, { name: 'app' }] } });
    assert.deepEqual(names((result.spec as JsonObject).containers), ['proxy', 'app']);
  });

  it('removes a container with $patch: delete', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'proxy', $patch: 'delete' }] } });
    assert.deepEqual(names((result.spec as JsonObject).containers), ['app']);
  });

  it('replaces the whole list when an element says $patch: replace', () => {
    const result = patchPod(original, { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'only:1' }] } });
    assert.deepEqual((result.spec as JsonObject).containers, [{ name: 'only', image: 'only:1' }]);
  });

  it('orders server-only elements by what upstream sees of the list after deletions and additions', () => {
    // kubectl apply: "a" removed from the file, "c" added, "sidecar" injected by the server.
    const live = pod({ containers: [{ name: 'a' }, { name: 'b', image: 'b' }, { name: 'sidecar', image: 's' }] });
    const result = patchPod(live, {
      spec: {
        '$setElementOrder/containers': [{ name: 'b' }, { name: 'c' }],
        containers: [{ name: 'c' }, { name: 'a', $patch: 'delete' }],
      },
    });
    assert.deepEqual(names((result.spec as JsonObject).containers), ['b', 'sidecar', 'c']);
  });

  it('replaces args, a list without a patch strategy', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'app', args: ['--b', '--c'] }] } });
    assert.deepEqual(((result.spec as JsonObject).containers as JsonObject[])[0]?.args, ['--b', '--c']);
  });

  it('removes a container field set to null', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'app', args: null }] } });
    assert.deepEqual(((result.spec as JsonObject).containers as JsonObject[])[0], { name: 'app', image: 'app:1' });
  });
});

describe('strategic merge: container ports and env', () => {
  const original = pod({
    containers: [
      {
        name: 'app',
        ports: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 9090, name: 'metrics' },
        ],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
    ],
  });
  const container = (result: JsonObject): JsonObject => ((result.spec as JsonObject).containers as JsonObject[])[0] as JsonObject;

  it('merges ports by containerPort', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http' }] }] } });
    assert.deepEqual(container(result).ports, [
      { containerPort: 80, protocol: 'TCP', name: 'http' },
      { containerPort: 9090, name: 'metrics' },
    ]);
  });

  it('adds a port new to the list', () => {
    const result = patchPod(original, { spec: { containers: [{ name: 'app', ports: [{ containerPort: 443 }] }] } });
    assert.deepEqual(ports(container(result).ports), [443, 80, 9090]);
  });

  it('updates, adds and deletes env vars by name', () => {
    const result = patchPod(original, {
      spec: {
        containers: [
          {
            name: 'app',
            '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
            env: [{ name: 'A', value: '10' }, { name: 'C', value: '3' }, { name: 'B', $patch: 'delete' }],
          },
        ],
      },
    });
    assert.deepEqual(container(result).env, [
      { name: 'A', value: '10' },
      { name: 'C', value: '3' },
    ]);
  });

  it('merges a map inside an env var and removes a member set to null', () => {
    const result = patchPod(original, {
      spec: { containers: [{ name: 'app', env: [{ name: 'A', value: null, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] },
    });
    assert.deepEqual((container(result).env as JsonObject[])[0], { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  });
});

describe('strategic merge: volumes (merge by name, retainKeys)', () => {
  const original = pod({
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'config', configMap: { name: 'cm', defaultMode: 420 } },
    ],
  });

  it('keeps only the keys $retainKeys lists when switching the volume source', () => {
    const result = patchPod(original, {
      spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/srv' } }] },
    });
    assert.deepEqual((result.spec as JsonObject).volumes, [
      { name: 'data', hostPath: { path: '/srv' } },
      { name: 'config', configMap: { name: 'cm', defaultMode: 420 } },
    ]);
  });

  it('without $retainKeys the old source stays beside the new one', () => {
    const result = patchPod(original, { spec: { volumes: [{ name: 'data', hostPath: { path: '/srv' } }] } });
    assert.deepEqual(((result.spec as JsonObject).volumes as JsonObject[])[0], { name: 'data', emptyDir: {}, hostPath: { path: '/srv' } });
  });
});

describe('strategic merge: lists without a merge strategy are replaced', () => {
  it('replaces tolerations whole', () => {
    const original = pod({ tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] });
    const result = patchPod(original, { spec: { tolerations: [{ key: 'c', operator: 'Exists' }] } });
    assert.deepEqual((result.spec as JsonObject).tolerations, [{ key: 'c', operator: 'Exists' }]);
  });

  it('keeps directives inside a replaced list as sent', () => {
    const original = pod({ tolerations: [{ key: 'a' }] });
    const result = patchPod(original, { spec: { tolerations: [{ key: 'c', $patch: 'delete' }] } });
    assert.deepEqual((result.spec as JsonObject).tolerations, [{ key: 'c', $patch: 'delete' }]);
  });
});

describe('strategic merge: finalizers (a merging list of strings)', () => {
  const original = pod({}, { name: 'web', finalizers: ['a', 'b'] });
  const finalizers = (result: JsonObject): unknown => (result.metadata as JsonObject).finalizers;

  it('is a union; values new to the list come first', () => {
    assert.deepEqual(finalizers(patchPod(original, { metadata: { finalizers: ['c'] } })), ['c', 'a', 'b']);
    assert.deepEqual(finalizers(patchPod(original, { metadata: { finalizers: ['b', 'c'] } })), ['a', 'b', 'c']);
  });

  it('drops duplicates and puts the values the patch names in its order', () => {
    assert.deepEqual(finalizers(patchPod(original, { metadata: { finalizers: ['b', 'a', 'b'] } })), ['b', 'a']);
  });

  it('removes values listed in $deleteFromPrimitiveList', () => {
    const result = patchPod(original, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a', 'x'] } });
    assert.deepEqual(finalizers(result), ['b']);
  });

  it('deletes before it adds in the same patch', () => {
    const result = patchPod(original, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] } });
    assert.deepEqual(finalizers(result), ['c', 'b']);
  });

  it('ignores a deletion list for a list the object does not have', () => {
    const result = patchPod(pod({}), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
    assert.deepEqual(result.metadata, { name: 'web' });
  });

  it('orders by $setElementOrder', () => {
    const result = patchPod(original, { metadata: { '$setElementOrder/finalizers': ['c', 'b', 'a'], finalizers: ['c'] } });
    assert.deepEqual(finalizers(result), ['c', 'b', 'a']);
  });

  it('sets the list when the object has none', () => {
    assert.deepEqual(finalizers(patchPod(pod({}), { metadata: { finalizers: ['x'] } })), ['x']);
  });

  it('removes the list set to null', () => {
    assert.equal(Object.hasOwn(patchPod(original, { metadata: { finalizers: null } }).metadata as JsonObject, 'finalizers'), false);
  });
});

describe('strategic merge: other merging lists of the catalogue', () => {
  it('merges ownerReferences by uid', () => {
    const original = pod({}, { name: 'web', ownerReferences: [{ uid: 'u1', name: 'rs-1', kind: 'ReplicaSet' }] });
    const result = patchPod(original, { metadata: { ownerReferences: [{ uid: 'u1', controller: true }, { uid: 'u2', name: 'x' }] } });
    assert.deepEqual((result.metadata as JsonObject).ownerReferences, [
      { uid: 'u1', name: 'rs-1', kind: 'ReplicaSet', controller: true },
      { uid: 'u2', name: 'x' },
    ]);
  });

  it('merges Node conditions and addresses by type, podCIDRs as a set', () => {
    const node: JsonObject = {
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: { podCIDRs: ['10.0.0.0/24'], taints: [{ key: 't', effect: 'NoSchedule' }] },
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'DiskPressure', status: 'False' },
        ],
        addresses: [{ type: 'InternalIP', address: '10.1.1.1' }],
      },
    };
    const result = applyStrategicMergePatch(
      node,
      {
        spec: { podCIDRs: ['10.0.0.0/24', 'fd00::/64'], taints: [] },
        status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }], addresses: [{ type: 'Hostname', address: 'n1' }] },
      },
      schemaOf(builtinTypes, 'Node'),
    );
    assert.deepEqual(result.spec, { podCIDRs: ['10.0.0.0/24', 'fd00::/64'], taints: [] });
    assert.deepEqual(result.status, {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady' },
        { type: 'DiskPressure', status: 'False' },
      ],
      addresses: [
        { type: 'Hostname', address: 'n1' },
        { type: 'InternalIP', address: '10.1.1.1' },
      ],
    });
  });

  it('switches a Deployment strategy with $retainKeys', () => {
    const deployment: JsonObject = {
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
    };
    const result = applyStrategicMergePatch(
      deployment,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      schemaOf(builtinTypes, 'Deployment'),
    );
    assert.deepEqual(result.spec, { replicas: 2, strategy: { type: 'Recreate' } });
  });

  it('merges containers inside a Deployment pod template', () => {
    const deployment: JsonObject = {
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } },
    };
    const result = applyStrategicMergePatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }] } } } },
      schemaOf(builtinTypes, 'Deployment'),
    );
    assert.deepEqual(result, {
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }] } } },
    });
  });
});

describe('strategic merge: maps', () => {
  const original = pod({ nodeSelector: { disk: 'ssd' } }, { name: 'web', labels: { app: 'web', tier: 'front' } });

  it('merges labels key by key and deletes keys set to null', () => {
    const result = patchPod(original, { metadata: { labels: { tier: null, version: 'v2' } } });
    assert.deepEqual((result.metadata as JsonObject).labels, { app: 'web', version: 'v2' });
  });

  it('replaces a map carrying $patch: replace', () => {
    const result = patchPod(original, { metadata: { labels: { $patch: 'replace', only: 'this' } } });
    assert.deepEqual((result.metadata as JsonObject).labels, { only: 'this' });
  });

  it('empties a map carrying $patch: delete', () => {
    const result = patchPod(original, { spec: { nodeSelector: { $patch: 'delete' } } });
    assert.deepEqual((result.spec as JsonObject).nodeSelector, {});
  });

  it('replaces the whole object with $patch: replace at the top', () => {
    assert.deepEqual(patchPod(original, { $patch: 'replace', kind: 'Pod' }), { kind: 'Pod' });
  });

  it('drops nulls and directive maps from values the original does not have', () => {
    const result = patchPod(pod({}), {
      metadata: { annotations: { a: '1', b: null } },
      spec: { nodeSelector: { $patch: 'replace', x: 'y' }, containers: [{ name: 'c', $patch: 'delete' }, { name: 'd', image: null }] },
    });
    assert.deepEqual(result.metadata, { name: 'web', annotations: { a: '1' } });
    assert.deepEqual(result.spec, { containers: [{ name: 'd' }] });
  });

  it('keeps nulls inside an element new to a merging list, as upstream does', () => {
    const result = patchPod(pod({ containers: [{ name: 'a' }] }), { spec: { containers: [{ name: 'b', image: null }] } });
    assert.deepEqual((result.spec as JsonObject).containers, [{ name: 'b', image: null }, { name: 'a' }]);
  });

  it('replaces a value of another type', () => {
    const result = patchPod(original, { spec: { nodeSelector: 'none', nodeName: { weird: true } } });
    assert.deepEqual(result.spec, { nodeSelector: 'none', nodeName: { weird: true } });
  });

  it('keeps null values of the original that the patch does not touch', () => {
    const result = patchPod(pod({ nodeName: null }), { spec: { restartPolicy: 'Never' } });
    assert.deepEqual(result.spec, { nodeName: null, restartPolicy: 'Never' });
  });

  it('changes nothing for a null patch', () => {
    assert.deepEqual(patchPod(original, null), original);
  });
});

describe('strategic merge: inputs', () => {
  it('never modifies the original, the patch or the schema', () => {
    const original = deepFreeze(pod({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] }, { name: 'p', finalizers: ['f'] }));
    const patch = deepFreeze({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['f'] },
      spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'b' }, { name: 'a', env: [{ name: 'X', $patch: 'delete' }] }] },
    });
    const result = patchPod(original, patch);
    assert.deepEqual(result, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: [] }, spec: { containers: [{ name: 'b' }, { name: 'a', env: [] }] } });
  });

  it('returns a result that shares nothing with its inputs', () => {
    const original = pod({ containers: [{ name: 'a' }] });
    const patch = { spec: { tolerations: [{ key: 'k' }] } };
    const result = patchPod(original, patch);
    ((result.spec as JsonObject).containers as JsonObject[]).push({ name: 'z' });
    ((result.spec as JsonObject).tolerations as JsonObject[]).push({ key: 'z' });
    assert.deepEqual((original.spec as JsonObject).containers, [{ name: 'a' }]);
    assert.deepEqual(patch.spec.tolerations, [{ key: 'k' }]);
  });

  it('keeps a "__proto__" key as data', () => {
    const result = patchPod(pod({}), JSON.parse('{"metadata":{"labels":{"__proto__":"x"}},"__proto__":{"polluted":true}}'));
    assert.equal(Object.getOwnPropertyDescriptor((result.metadata as JsonObject).labels, '__proto__')?.value, 'x');
    assert.deepEqual(Object.getOwnPropertyDescriptor(result, '__proto__')?.value, { polluted: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
