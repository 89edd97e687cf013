// `kubets scheduler` as a process, with its HTTP endpoint on a free loopback port: it says
// where it listens, /healthz, /livez and /readyz answer ok, and /metrics (Prometheus text
// 0.0.4) shows kube-scheduler's metrics moving as pods are scheduled and one is not.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, type Node, type Pod } from '../../src/client/index.js';
import { eventuallyNamed, startTestCluster, type TestCluster } from './harness.js';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
const NS = 'default';

function node(name: string): Node {
  const capacity = { cpu: '2', memory: '8Gi', pods: '110' };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } };
}

function pod(name: string, cpu: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] } };
}

/** The value of the sample whose name and labels are exactly `series`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('kubets scheduler serves /metrics', () => {
  let cluster: TestCluster;
  let client: Client;
  let child: ChildProcess;
  let url = '';

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath);
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'scheduler', '--kubeconfig', cluster.plane.kubeconfigPath, '--secure-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const found = /serving \/healthz, \/livez, \/readyz and \/metrics on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found !== undefined) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`kubets scheduler exited (${code}): ${out}`)));
    });
  });
  after(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await client?.close();
    await cluster?.stop();
  });

  test('health endpoints answer ok once the scheduler runs', async () => {
    for (const p of ['/healthz', '/livez']) assert.equal(await (await fetch(url + p)).text(), 'ok');
    await eventuallyNamed('/readyz ok', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 20_000);
    assert.equal((await fetch(`${url}/nope`)).status, 404);
  });

  test('scheduling moves the counters, with upstream names and labels', async () => {
    await client.nodes().create(node('n1'));
    for (let i = 0; i < 5; i++) await client.pods(NS).create(pod(`p${i}`, '100m'));
    await client.pods(NS).create(pod('huge', '64'));
    await eventuallyNamed('five pods bound', async () => ((await client.pods(NS).list()).items.filter((p) => p.spec?.nodeName === 'n1').length === 5 ? true : undefined), 20_000);
    const text = await eventuallyNamed('the metrics to show the attempts', async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      // The API shows a pod bound a moment before the scheduler has the Binding's answer.
      const done = sample(body, 'scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"}') === 5;
      return done && sample(body, 'scheduler_schedule_attempts_total{result="unschedulable",profile="default-scheduler"}') !== undefined ? body : undefined;
    });
    const response = await fetch(`${url}/metrics`);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(sample(text, 'scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"}'), 5);
    assert.ok((sample(text, 'scheduler_schedule_attempts_total{result="unschedulable",profile="default-scheduler"}') ?? 0) >= 1);
    assert.equal(sample(text, 'scheduler_scheduling_attempt_duration_seconds_count{result="scheduled",profile="default-scheduler"}'), 5);
    assert.match(text, /^# TYPE scheduler_scheduling_attempt_duration_seconds histogram$/m);
    assert.equal(sample(text, 'scheduler_scheduling_attempt_duration_seconds_bucket{result="scheduled",profile="default-scheduler",le="+Inf"}'), 5);
    assert.match(text, /^scheduler_scheduling_attempt_duration_seconds_bucket\{result="scheduled",profile="default-scheduler",le="16\.384"\} 5$/m);
    assert.equal(sample(text, 'scheduler_queue_incoming_pods_total{queue="active",event="PodAdd"}'), 6);
    assert.ok((sample(text, 'scheduler_queue_incoming_pods_total{queue="unschedulable",event="ScheduleAttemptFailure"}') ?? 0) >= 1);
    assert.equal(sample(text, 'scheduler_pod_scheduling_attempts_count'), 5);
    assert.equal(sample(text, 'scheduler_pod_scheduling_sli_duration_seconds_count{attempts="1"}'), 5);
    assert.equal(sample(text, 'scheduler_framework_extension_point_duration_seconds_count{extension_point="Bind",status="Success",profile="default-scheduler"}'), 5);
    assert.ok((sample(text, 'scheduler_framework_extension_point_duration_seconds_count{extension_point="PreFilter",status="Success",profile="default-scheduler"}') ?? 0) >= 6);
    assert.ok((sample(text, 'scheduler_preemption_attempts_total') ?? 0) >= 1);
    assert.equal(sample(text, 'scheduler_preemption_victims_count'), 0);
    assert.equal(sample(text, 'scheduler_pending_pods{queue="unschedulable"}'), 1);
    assert.equal(sample(text, 'scheduler_pending_pods{queue="active"}'), 0);
    assert.equal(sample(text, 'scheduler_unschedulable_pods{plugin="NodeResourcesFit",profile="default-scheduler"}'), 1);
    // The algorithm's latency counts the attempts that found a node; the cache holds the node and the five pods.
    assert.equal(sample(text, 'scheduler_scheduling_algorithm_duration_seconds_count'), 5);
    // A bound pod stays assumed until the watch brings it.
    const cached = await eventuallyNamed('no assumed pod left in the cache', async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      return sample(body, 'scheduler_scheduler_cache_size{type="assumed_pods"}') === 0 ? body : undefined;
    });
    assert.equal(sample(cached, 'scheduler_scheduler_cache_size{type="nodes"}'), 1);
    assert.equal(sample(cached, 'scheduler_scheduler_cache_size{type="pods"}'), 5);
  });
});
