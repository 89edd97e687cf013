// Per-kind defaults and validation as a kubectl user sees them: `kubectl apply` of a wrong
// object prints upstream's message; a right one reads back with upstream's defaults.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');

const container = '{name: c, image: nginx}';

/** A manifest and the message kubectl must print for it (kubectl prefixes `The <Kind> "<name>" is invalid: `). */
const INVALID: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['Pod without containers', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\nspec: {containers: []}\n', /The Pod "p1" is invalid: spec\.containers: Required value/],
  [
    'Pod with two containers of one name',
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p2}\nspec: {containers: [${container}, ${container}]}\n`,
    /spec\.containers\[1\]\.name: Duplicate value: "c"/,
  ],
  ['Pod with a bad restartPolicy', `apiVersion: v1\nkind: Pod\nmetadata: {name: p3}\nspec: {restartPolicy: Sometimes, containers: [${container}]}\n`, /spec\.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"/],
  [
    'Deployment whose selector does not match its template',
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d1}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: b}}\n    spec: {containers: [${container}]}\n`,
    /spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/,
  ],
  ['Deployment with negative replicas', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d2}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [${container}]}\n`, /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/],
  ['Service with a port out of range', 'apiVersion: v1\nkind: Service\nmetadata: {name: s1}\nspec: {ports: [{port: 70000}]}\n', /spec\.ports\[0\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive/],
  ['CronJob with a bad schedule', `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj1}\nspec:\n  schedule: "not a schedule"\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: Never, containers: [${container}]}\n`, /spec\.schedule: Invalid value: "not a schedule"/],
  ['ConfigMap with a bad key', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1}\ndata: {"bad key": x}\n', /data\[bad key\]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters/],
  ['Role with a rule without verbs', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r1}\nrules: [{apiGroups: [""], resources: [pods]}]\n', /rules\[0\]\.verbs: Required value/],
  ['PodDisruptionBudget with both minAvailable and maxUnavailable', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb1}\nspec: {minAvailable: 1, maxUnavailable: 1, selector: {matchLabels: {a: b}}}\n', /minAvailable and maxUnavailable cannot be both set/],
  ['Namespace with an invalid name', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: Bad_NS}\n', /The Namespace "Bad_NS" is invalid: metadata\.name: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of/],
  ['PriorityClass with a value over the user range', 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: pc1}\nvalue: 2000000000\n', /value: Forbidden: maximum allowed value of a user defined priority is 1000000000/],
];

describe('per-kind validation and defaults through kubectl', { skip }, () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  for (const [title, manifest, message] of INVALID) {
    test(`refused: ${title}`, async () => {
      const result = await cluster.kubectl(['apply', '-f', '-'], manifest);
      assert.notEqual(result.code, 0, `applied: ${result.stdout}`);
      assert.match(result.stderr, message);
    });
  }

  test('an immutable field cannot change on update', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen}\nimmutable: true\ndata: {a: "1"}\n';
    assert.equal((await cluster.kubectl(['apply', '-f', '-'], cm)).code, 0);
    const changed = await cluster.kubectl(['apply', '-f', '-'], cm.replace('"1"', '"2"'));
    assert.notEqual(changed.code, 0);
    assert.match(changed.stderr, /data: Forbidden: field is immutable when `immutable` is set/);
  });

  test('a Deployment reads back with upstream defaults', async () => {
    const manifest = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: defaulted}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [${container}]}\n`;
    const applied = await cluster.kubectl(['apply', '-f', '-'], manifest);
    assert.equal(applied.code, 0, applied.stderr);
    const dep = JSON.parse((await cluster.kubectl(['get', 'deploy', 'defaulted', '-o', 'json'])).stdout) as {
      spec: { replicas: number; revisionHistoryLimit: number; progressDeadlineSeconds: number; strategy: unknown; template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } };
    };
    assert.equal(dep.spec.replicas, 1);
    assert.equal(dep.spec.revisionHistoryLimit, 10);
    assert.equal(dep.spec.progressDeadlineSeconds, 600);
    assert.deepEqual(dep.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    const pod = dep.spec.template.spec;
    assert.equal(pod.restartPolicy, 'Always');
    assert.equal(pod.dnsPolicy, 'ClusterFirst');
    assert.equal(pod.schedulerName, 'default-scheduler');
    assert.equal(pod.terminationGracePeriodSeconds, 30);
    assert.equal(pod.containers[0]?.imagePullPolicy, 'Always');
    assert.equal(pod.containers[0]?.terminationMessagePath, '/dev/termination-log');
  });

  test('a Pod gets the not-ready and unreachable tolerations and the default service account', async () => {
    const applied = await cluster.kubectl(['apply', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata: {name: tolerant}\nspec: {containers: [{name: c, image: "nginx:1.27"}]}\n`);
    assert.equal(applied.code, 0, applied.stderr);
    const pod = JSON.parse((await cluster.kubectl(['get', 'pod', 'tolerant', '-o', 'json'])).stdout) as {
      spec: { tolerations: { key: string; effect: string; tolerationSeconds: number }[]; serviceAccountName: string; containers: { imagePullPolicy: string }[] };
    };
    assert.deepEqual(
      pod.spec.tolerations.map((t) => [t.key, t.effect, t.tolerationSeconds]),
      [
        ['node.kubernetes.io/not-ready', 'NoExecute', 300],
        ['node.kubernetes.io/unreachable', 'NoExecute', 300],
      ],
    );
    assert.equal(pod.spec.serviceAccountName, 'default');
    assert.equal(pod.spec.containers[0]?.imagePullPolicy, 'IfNotPresent');
  });
});
