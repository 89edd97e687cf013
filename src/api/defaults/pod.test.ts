import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaulted } from './defaults.testing.js';
import type { JsonObject } from './json.js';
import { defaultPod } from './pod.js';
import { defaultPodSpec } from './pod-spec.js';

const tolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function pod(spec: JsonObject, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec };
}

function specOf(obj: JsonObject): JsonObject {
  return obj.spec as JsonObject;
}

test('a minimal pod gets upstream defaults and admission defaults', () => {
  const out = defaulted(defaultPod, pod({ containers: [{ name: 'web', image: 'nginx' }] }));
  assert.deepEqual(out.spec, {
    containers: [
      { name: 'web', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations,
  });
});

test('set values are kept', () => {
  const spec = {
    containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Never', terminationMessagePath: '/tmp/x', terminationMessagePolicy: 'FallbackToLogsOnError' }],
    dnsPolicy: 'Default',
    enableServiceLinks: false,
    restartPolicy: 'Never',
    schedulerName: 'other',
    securityContext: { runAsUser: 1000 },
    serviceAccountName: 'builder',
    terminationGracePeriodSeconds: 0,
    priorityClassName: 'system-node-critical',
    preemptionPolicy: 'Never',
  };
  const out = specOf(defaulted(defaultPod, pod(spec)));
  assert.deepEqual(out, { ...spec, serviceAccount: 'builder', priority: 2000001000, tolerations });
});

test('image pull policy follows the tag in every container kind', () => {
  const out = specOf(
    defaulted(
      defaultPod,
      pod({
        initContainers: [{ name: 'i', image: 'busybox:1.36' }],
        containers: [{ name: 'c', image: 'registry.local:5000/app:latest' }],
        ephemeralContainers: [{ name: 'e', image: 'busybox' }],
      }),
    ),
  );
  const policy = (list: string): unknown => (out[list] as JsonObject[])[0]?.imagePullPolicy;
  assert.equal(policy('initContainers'), 'IfNotPresent');
  assert.equal(policy('containers'), 'Always');
  assert.equal(policy('ephemeralContainers'), 'Always');
});

test('ports, env field refs, probes and lifecycle hooks', () => {
  const container = {
    name: 'c',
    image: 'app:1',
    ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
    env: [
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'FILE', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'p', key: 'k' } } },
      { name: 'PLAIN', value: 'x' },
    ],
    livenessProbe: { httpGet: { port: 8080 } },
    readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
    startupProbe: { grpc: { port: 9000 } },
    lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } }, postStart: { exec: { command: ['true'] } } },
  };
  const out = (specOf(defaulted(defaultPod, pod({ containers: [container] }))).containers as JsonObject[])[0];
  assert.deepEqual(out?.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
  assert.deepEqual(out?.env, [
    { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } },
    { name: 'FILE', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'p', key: 'k', optional: false } } },
    { name: 'PLAIN', value: 'x' },
  ]);
  const timings = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  assert.deepEqual(out?.livenessProbe, { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, ...timings });
  assert.deepEqual(out?.readinessProbe, { tcpSocket: { port: 80 }, ...timings, periodSeconds: 5 });
  assert.deepEqual(out?.startupProbe, { grpc: { port: 9000, service: '' }, ...timings });
  assert.deepEqual(out?.lifecycle, {
    preStop: { httpGet: { port: 80, path: '/stop', scheme: 'HTTP' } },
    postStart: { exec: { command: ['true'] } },
  });
});

test('a pod requests what it limits, unless it says otherwise; templates do not', () => {
  const containers = [
    { name: 'a', image: 'x:1', resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } } },
    { name: 'b', image: 'x:1', resources: { limits: { cpu: '0.0001' } } },
    { name: 'c', image: 'x:1', resources: { limits: {} } },
  ];
  const out = specOf(defaulted(defaultPod, pod({ containers, initContainers: [{ name: 'i', image: 'x:1', resources: { limits: { cpu: '1' } } }] })));
  const resources = (list: string, i: number): unknown => ((out[list] as JsonObject[])[i] as JsonObject).resources;
  assert.deepEqual(resources('containers', 0), { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  assert.deepEqual(resources('containers', 1), { limits: { cpu: '1m' }, requests: { cpu: '1m' } });
  assert.deepEqual(resources('containers', 2), { limits: {} });
  assert.deepEqual(resources('initContainers', 0), { limits: { cpu: '1' }, requests: { cpu: '1' } });

  const template = { containers: structuredClone(containers) };
  defaultPodSpec(template);
  assert.deepEqual((template.containers[0] as JsonObject).resources, containers[0]?.resources);
});

test('host networking makes container ports host ports', () => {
  const spec = {
    hostNetwork: true,
    containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9090 }] }],
    initContainers: [{ name: 'i', image: 'x:1', ports: [{ containerPort: 7070 }] }],
  };
  const out = specOf(defaulted(defaultPod, pod(spec)));
  assert.deepEqual((out.containers as JsonObject[])[0]?.ports, [
    { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
    { containerPort: 9090, hostPort: 9090, protocol: 'TCP' },
  ]);
  assert.deepEqual((out.initContainers as JsonObject[])[0]?.ports, [{ containerPort: 7070, hostPort: 7070, protocol: 'TCP' }]);
});

test('volumes: emptyDir for no source, file modes, host path type, projected tokens', () => {
  const volumes = [
    { name: 'scratch' },
    { name: 'cfg', configMap: { name: 'c' } },
    { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
    { name: 'host', hostPath: { path: '/var/log' } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    {
      name: 'proj',
      projected: {
        sources: [
          { serviceAccountToken: { path: 'token' } },
          { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
    { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
    { name: 'img', image: { reference: 'quay.io/data:v1' } },
    { name: 'rbd', rbd: { monitors: ['m'], image: 'i' } },
    { name: 'disk', azureDisk: { diskName: 'd', diskURI: 'u' } },
  ];
  const out = specOf(defaulted(defaultPod, pod({ containers: [{ name: 'c', image: 'x:1' }], volumes })));
  assert.deepEqual(out.volumes, [
    { name: 'scratch', emptyDir: {} },
    { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
    { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
    { name: 'host', hostPath: { path: '/var/log', type: '' } },
    { name: 'info', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }] } },
    {
      name: 'proj',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
          { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace', apiVersion: 'v1' } }] } },
        ],
      },
    },
    {
      name: 'eph',
      ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } } },
    },
    { name: 'img', image: { reference: 'quay.io/data:v1', pullPolicy: 'IfNotPresent' } },
    { name: 'rbd', rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' } },
    { name: 'disk', azureDisk: { diskName: 'd', diskURI: 'u', cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' } },
  ]);
});

test('the deprecated serviceAccount field mirrors serviceAccountName', () => {
  assert.equal(specOf(defaulted(defaultPod, pod({ containers: [], serviceAccount: 'old' }))).serviceAccountName, 'old');
  const both = specOf(defaulted(defaultPod, pod({ containers: [], serviceAccount: 'old', serviceAccountName: 'new' })));
  assert.deepEqual([both.serviceAccountName, both.serviceAccount], ['new', 'new']);
  const template = { containers: [] } as JsonObject;
  defaultPodSpec(template);
  assert.equal('serviceAccountName' in template || 'serviceAccount' in template, false, 'templates get no service account');
});

test('mirror pods get no service account', () => {
  const out = specOf(defaulted(defaultPod, pod({ containers: [] }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })));
  assert.equal(out.serviceAccountName, undefined);
});

test('priority: 0 without a class, the built-in classes resolved, user classes left to admission', () => {
  const system = specOf(defaulted(defaultPod, pod({ containers: [], priorityClassName: 'system-cluster-critical' })));
  assert.deepEqual([system.priority, system.preemptionPolicy], [2000000000, 'PreemptLowerPriority']);
  const user = specOf(defaulted(defaultPod, pod({ containers: [], priorityClassName: 'batch-low' })));
  assert.deepEqual([user.priority, user.preemptionPolicy], [undefined, undefined]);
  const given = specOf(defaulted(defaultPod, pod({ containers: [], priority: 7 })));
  assert.deepEqual([given.priority, given.preemptionPolicy], [7, undefined]);
});

test('tolerations are added only for what the pod does not tolerate already', () => {
  const tolerateAll = [{ operator: 'Exists' }];
  assert.deepEqual(specOf(defaulted(defaultPod, pod({ containers: [], tolerations: tolerateAll }))).tolerations, tolerateAll);
  const own = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 }];
  assert.deepEqual(specOf(defaulted(defaultPod, pod({ containers: [], tolerations: own }))).tolerations, [...own, tolerations[0]]);
  const noSchedule = [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }];
  assert.deepEqual(specOf(defaulted(defaultPod, pod({ containers: [], tolerations: noSchedule }))).tolerations, [...noSchedule, ...tolerations]);
});

test('pod-level limits default pod-level requests from the containers, then from the limits', () => {
  const spec = {
    resources: { limits: { cpu: '2', memory: '1Gi', 'hugepages-2Mi': '4Mi' } },
    initContainers: [
      { name: 'init', image: 'x:1', resources: { requests: { cpu: '1500m' } } },
      { name: 'sidecar', image: 'x:1', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
    ],
    containers: [
      { name: 'a', image: 'x:1', resources: { requests: { cpu: '500m' } } },
      { name: 'b', image: 'x:1', resources: { requests: { cpu: '300m' } } },
    ],
  };
  const out = specOf(defaulted(defaultPod, pod(spec)));
  // Regular containers and the sidecar: 1000m; the init container alone: 1500m. The larger counts.
  assert.deepEqual(out.resources, {
    limits: { cpu: '2', memory: '1Gi', 'hugepages-2Mi': '4Mi' },
    requests: { cpu: '1500m', memory: '1Gi', 'hugepages-2Mi': '4Mi' },
  });
});

test('pod-level requests default pod-level limits when every container limits the resource', () => {
  const spec = {
    resources: { requests: { cpu: '1' } },
    containers: [
      { name: 'a', image: 'x:1', resources: { limits: { cpu: '1', memory: '1Gi', 'hugepages-1Gi': '1Gi' } } },
      { name: 'b', image: 'x:1', resources: { limits: { cpu: '500m' } } },
    ],
  };
  const out = specOf(defaulted(defaultPod, pod(spec)));
  // The containers' hugepages become a pod-level limit first; with a pod-level limit set,
  // the requests are completed from the containers' requests (which came from their limits).
  assert.deepEqual(out.resources, {
    requests: { cpu: '1', memory: '1Gi', 'hugepages-1Gi': '1Gi' },
    limits: { 'hugepages-1Gi': '1Gi' },
  });
  // Without hugepages there is no pod-level limit: cpu, limited by every container, gets
  // their total; memory, limited by one, does not. With that limit set, the requests are
  // completed as above.
  const noHugePages = structuredClone(spec);
  delete (noHugePages.containers[0]?.resources.limits as JsonObject)['hugepages-1Gi'];
  assert.deepEqual(specOf(defaulted(defaultPod, pod(noHugePages))).resources, {
    requests: { cpu: '1', memory: '1Gi' },
    limits: { cpu: '1500m' },
  });
});

test('resources in container statuses are rounded to milli-units', () => {
  const status = { containerStatuses: [{ name: 'c', allocatedResources: { cpu: '0.0001' }, resources: { requests: { cpu: '1u' }, limits: { cpu: '2' } } }] };
  const out = defaulted(defaultPod, { ...pod({ containers: [] }), status });
  assert.deepEqual(out.status, { containerStatuses: [{ name: 'c', allocatedResources: { cpu: '1m' }, resources: { requests: { cpu: '1m' }, limits: { cpu: '2' } } }] });
});
