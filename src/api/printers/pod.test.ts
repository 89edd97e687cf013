import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, ago, cells, headers, narrow } from './fixtures.testing.js';
import { printerFor, type PrintableObject } from './table.js';

const running = { running: { startedAt: ago('10m') } };

function pod(spec: object, status: object, metadata: object = {}): PrintableObject {
  return { metadata: { name: 'p', creationTimestamp: ago('10m'), ...metadata }, spec, status };
}

const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }] };

test('pod columns, narrow and wide', () => {
  assert.deepEqual(headers('', 'pods', false), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
  assert.deepEqual(headers('', 'pods'), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
  assert.equal(printerFor('', 'pods').columns[0]?.format, 'name');
});

test('a running pod with 1 of 2 ready and 3 restarts, the last 5 minutes ago', () => {
  const p = pod(twoContainers, {
    phase: 'Running',
    containerStatuses: [
      { name: 'a', ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago('5m') } } },
      { name: 'b', ready: false, restartCount: 0, state: running },
    ],
  });
  assert.deepEqual(narrow('', 'pods', p), ['p', '1/2', 'Running', '3 (5m ago)', '10m']);
});

test('restarts without a recorded termination print the count alone', () => {
  const p = pod({ containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: running }] });
  assert.deepEqual(narrow('', 'pods', p), ['p', '1/1', 'Running', '2', '10m']);
});

test('waiting and terminated containers give the status, the first container winning', () => {
  const waiting = (reason: string) => ({ waiting: { reason } });
  const p = pod(twoContainers, {
    phase: 'Running',
    containerStatuses: [
      { name: 'a', ready: false, state: waiting('CrashLoopBackOff') },
      { name: 'b', ready: false, state: waiting('ImagePullBackOff') },
    ],
  });
  assert.equal(cells('', 'pods', p)[2], 'CrashLoopBackOff');
  const creating = pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', containerStatuses: [{ name: 'a', state: waiting('ContainerCreating') }] });
  assert.deepEqual(narrow('', 'pods', creating), ['p', '0/1', 'ContainerCreating', '0', '10m']);
  const exit = pod({ containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137 } } }] });
  assert.equal(cells('', 'pods', exit)[2], 'ExitCode:137');
  const signal = pod({ containers: [{ name: 'a' }] }, { phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0, signal: 9 } } }] });
  assert.equal(cells('', 'pods', signal)[2], 'Signal:9');
});

test('pending pods without statuses show the phase; a pod reason replaces it', () => {
  assert.equal(cells('', 'pods', pod({ containers: [{ name: 'a' }] }, { phase: 'Pending' }))[2], 'Pending');
  assert.equal(cells('', 'pods', pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', reason: 'Evicted' }))[2], 'Evicted');
  assert.equal(cells('', 'pods', pod({ containers: [{ name: 'a' }] }, {}))[2], '');
});

test('a completed pod says Completed and carries the Completed row condition', () => {
  const p = pod({ containers: [{ name: 'a' }] }, {
    phase: 'Succeeded',
    containerStatuses: [{ name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
  });
  assert.deepEqual(narrow('', 'pods', p), ['p', '0/1', 'Completed', '0', '10m']);
  assert.deepEqual(printerFor('', 'pods').conditions?.(p), [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
  const failed = pod({ containers: [{ name: 'a' }] }, { phase: 'Failed' });
  assert.equal(printerFor('', 'pods').conditions?.(failed)?.[0]?.reason, 'Failed');
  assert.equal(printerFor('', 'pods').conditions?.(pod({}, { phase: 'Running' })), undefined);
});

test('Completed turns back to Running or NotReady while another container runs', () => {
  const statuses = [
    { name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    { name: 'b', ready: true, state: running },
  ];
  const ready = pod(twoContainers, { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] });
  assert.deepEqual(narrow('', 'pods', ready).slice(1, 3), ['1/2', 'Running']);
  const notReady = pod(twoContainers, { phase: 'Running', containerStatuses: statuses });
  assert.equal(cells('', 'pods', notReady)[2], 'NotReady');
});

test('init containers: Init:N/M, Init:<reason>, exit codes and signals', () => {
  const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
  const done = { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
  const status = (second: object) => ({ phase: 'Pending', initContainerStatuses: [done, { name: 'i2', ...second }] });
  assert.equal(cells('', 'pods', pod(spec, status({ state: { running: {} } })))[2], 'Init:1/2');
  assert.equal(cells('', 'pods', pod(spec, status({ state: { waiting: { reason: 'PodInitializing' } } })))[2], 'Init:1/2');
  assert.equal(cells('', 'pods', pod(spec, status({ state: { waiting: { reason: 'CrashLoopBackOff' } } })))[2], 'Init:CrashLoopBackOff');
  assert.equal(cells('', 'pods', pod(spec, status({ state: { terminated: { exitCode: 1, reason: 'Error' } } })))[2], 'Init:Error');
  assert.equal(cells('', 'pods', pod(spec, status({ state: { terminated: { exitCode: 2 } } })))[2], 'Init:ExitCode:2');
  assert.equal(cells('', 'pods', pod(spec, status({ state: { terminated: { exitCode: 1, signal: 15 } } })))[2], 'Init:Signal:15');
  const first = { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { waiting: {} } }, { name: 'i2', state: { waiting: {} } }] };
  assert.equal(cells('', 'pods', pod(spec, first))[2], 'Init:0/2');
});

test('while initializing, restarts count init containers; once initialized, only sidecars', () => {
  const spec = { initContainers: [{ name: 'i1' }], containers: [{ name: 'a' }] };
  const crashing = {
    phase: 'Pending',
    initContainerStatuses: [
      { name: 'i1', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago('2m') } } },
    ],
  };
  assert.deepEqual(narrow('', 'pods', pod(spec, crashing)), ['p', '0/1', 'Init:CrashLoopBackOff', '4 (2m ago)', '10m']);
  const initialized = {
    phase: 'Running',
    conditions: [{ type: 'Initialized', status: 'True' }],
    initContainerStatuses: [{ name: 'i1', restartCount: 4, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: running }],
  };
  assert.deepEqual(narrow('', 'pods', pod(spec, initialized)), ['p', '1/1', 'Running', '0', '10m']);
});

test('sidecars count among the containers, ready and restarted', () => {
  const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
  const status = {
    phase: 'Running',
    conditions: [{ type: 'Initialized', status: 'True' }],
    initContainerStatuses: [
      { name: 'proxy', started: true, ready: true, restartCount: 1, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago('3h') } } },
    ],
    containerStatuses: [{ name: 'a', ready: true, restartCount: 2, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago('1h') } } }],
  };
  assert.deepEqual(narrow('', 'pods', pod(spec, status)), ['p', '2/2', 'Running', '3 (60m ago)', '10m']);
  const notStarted = { phase: 'Pending', initContainerStatuses: [{ name: 'proxy', started: false, state: { waiting: { reason: 'PodInitializing' } } }] };
  assert.deepEqual(narrow('', 'pods', pod(spec, notStarted)).slice(1, 3), ['0/2', 'Init:0/1']);
});

test('deletion: Terminating, or Unknown when the node was lost; finished pods keep their status', () => {
  const spec = { containers: [{ name: 'a' }] };
  const deleting = { deletionTimestamp: ago('1m') };
  assert.equal(cells('', 'pods', pod(spec, { phase: 'Running' }, deleting))[2], 'Terminating');
  assert.equal(cells('', 'pods', pod(spec, { phase: 'Running', reason: 'NodeLost' }, deleting))[2], 'Unknown');
  assert.equal(cells('', 'pods', pod(spec, { phase: 'Succeeded' }, deleting))[2], 'Succeeded');
});

test('a scheduling-gated pod says SchedulingGated', () => {
  const p = pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
  assert.deepEqual(narrow('', 'pods', p), ['p', '0/1', 'SchedulingGated', '0', '10m']);
});

test('wide cells: IP, node, nominated node, readiness gates', () => {
  const p = pod(
    { nodeName: 'n1', containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'lb/ready' }, { conditionType: 'dns/ready' }] },
    {
      phase: 'Running',
      podIPs: [{ ip: '10.0.0.9' }],
      nominatedNodeName: 'n2',
      conditions: [{ type: 'lb/ready', status: 'True' }, { type: 'dns/ready', status: 'False' }],
    },
  );
  assert.deepEqual(cells('', 'pods', p).slice(5), ['10.0.0.9', 'n1', 'n2', '1/2']);
  assert.deepEqual(cells('', 'pods', pod({ containers: [] }, {})).slice(5), ['<none>', '<none>', '<none>', '<none>']);
  const both = pod({}, { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.2' }] });
  assert.equal(cells('', 'pods', both)[5], '10.0.0.1');
});

test('a pod without a creation time is of unknown age', () => {
  assert.equal(printerFor('', 'pods').row({ metadata: { name: 'x' } }, NOW)[4], '<unknown>');
});
