import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, cells, headers, narrow } from './fixtures.testing.js';
import type { PrintableObject } from './table.js';

function node(labels: Record<string, string>, spec: object, status: object): PrintableObject {
  return { metadata: { name: 'n1', creationTimestamp: ago('3d'), labels }, spec, status };
}

const info = { kubeletVersion: 'v1.36.0', osImage: 'Debian 13', kernelVersion: '6.12.0', containerRuntimeVersion: 'containerd://2.1.0' };

test('node columns', () => {
  assert.deepEqual(headers('', 'nodes', false), ['Name', 'Status', 'Roles', 'Age', 'Version']);
  assert.deepEqual(headers('', 'nodes').slice(5), ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']);
});

test('a ready control-plane node', () => {
  const n = node(
    { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master', 'node-role.kubernetes.io/': 'x' },
    {},
    {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.4' }],
      nodeInfo: info,
    },
  );
  assert.deepEqual(cells('', 'nodes', n), [
    'n1', 'Ready', 'control-plane,master', '3d', 'v1.36.0', '10.0.0.4', '<none>', 'Debian 13', '6.12.0', 'containerd://2.1.0',
  ]);
});

test('NotReady and cordoned; Unknown without a Ready condition', () => {
  const cordoned = node({}, { unschedulable: true }, { conditions: [{ type: 'Ready', status: 'False' }], nodeInfo: info });
  assert.deepEqual(narrow('', 'nodes', cordoned), ['n1', 'NotReady,SchedulingDisabled', '<none>', '3d', 'v1.36.0']);
  const unknown = node({}, {}, { conditions: [{ type: 'Ready', status: 'Unknown' }] });
  assert.equal(cells('', 'nodes', unknown)[1], 'NotReady');
  const fresh = node({}, { unschedulable: true }, {});
  assert.deepEqual(cells('', 'nodes', fresh).slice(1), ['Unknown,SchedulingDisabled', '<none>', '3d', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
});

test('the last Ready condition counts', () => {
  const n = node({}, {}, { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }] });
  assert.equal(cells('', 'nodes', n)[1], 'Ready');
});
