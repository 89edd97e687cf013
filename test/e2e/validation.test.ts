// Per-kind defaults and validation as a kubectl user sees them: `kubectl apply` of a wrong
// object prints upstream's message (one case per kind, in validation-refusals.yaml); a
// right one reads back with upstream's defaults.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');

const container = '{name: c, image: nginx}';

interface Refusal {
  readonly title: string;
  readonly message: string;
  readonly manifest: string;
}

/** The refused objects, one or more per kind (validation-refusals.yaml). */
const REFUSALS = parse(readFileSync(new URL('./validation-refusals.yaml', import.meta.url), 'utf8')) as Refusal[];

describe('per-kind validation and defaults through kubectl', { skip }, () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  for (const { title, manifest, message } of REFUSALS) {
    test(`refused: ${title}`, async () => {
      const { kind, metadata } = parse(manifest) as { kind: string; metadata: { name: string } };
      const result = await cluster.kubectl(['apply', '-f', '-'], manifest);
      assert.notEqual(result.code, 0, `applied: ${result.stdout}`);
      assert.ok(result.stderr.includes(`The ${kind} "${metadata.name}" is invalid: `), result.stderr);
      assert.ok(result.stderr.includes(message), `expected\n  ${message}\nin\n  ${result.stderr}`);
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
