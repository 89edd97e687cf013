// The job, cronjob and ttl-after-finished controllers end to end: a real in-process kubets,
// the scheduler, simulated nodes that run the pods, and kubectl watching the outcome.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, type Client, type Pod } from '../../src/client/index.js';
import { CronJobController } from '../../src/controllers/cronjob/cronjob-controller.js';
import { CRON_JOBS, type CronJob } from '../../src/controllers/cronjob/types.js';
import { GarbageCollector } from '../../src/controllers/garbagecollector/garbage-collector.js';
import { JobController } from '../../src/controllers/job/job-controller.js';
import { JOBS, type Job } from '../../src/controllers/job/types.js';
import { TtlAfterFinishedController } from '../../src/controllers/ttlafterfinished/ttl-after-finished-controller.js';
import { isNotFound } from '../../src/machinery/errors.js';
import { eventually, startControllerCluster, type ControllerCluster, type TestCluster } from './harness.js';

function jobBody(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        metadata: { annotations: { 'kubets.io/run-duration': '300ms', ...annotations } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', resources: { requests: { cpu: '10m' } } }] },
      },
    },
  };
}

describe('job, cronjob and ttl-after-finished controllers', () => {
  let env: ControllerCluster;
  let cluster: TestCluster;
  let client: Client;
  // Starts at real time: a CronJob's schedule counts from its (real) creationTimestamp.
  const cronClock = new FakeClock(Date.now());

  before(async () => {
    env = await startControllerCluster({
      nodes: { count: 2 },
      controllers: (ctx) => [
        new JobController(ctx, { backoff: { baseMs: 200 } }),
        new CronJobController(ctx, { clock: cronClock }),
        new TtlAfterFinishedController(ctx),
        // The TTL controller deletes in the foreground: the collector finishes the deletion.
        new GarbageCollector(ctx),
      ],
    });
    ({ cluster, client } = env);
  });
  after(() => env?.stop());

  const jobs = () => client.resource<Job>(JOBS).namespace('default');
  const podsOf = async (job: string): Promise<Pod[]> => (await client.pods('default').list({ labelSelector: `batch.kubernetes.io/job-name=${job}` })).items;

  test('a Job of completions 3, parallelism 2 completes; kubectl wait sees it', async () => {
    await jobs().create(jobBody('three', { completions: 3, parallelism: 2 }));
    const waited = await cluster.kubectl(['wait', '--for=condition=complete', 'job/three', '--timeout=30s']);
    assert.equal(waited.code, 0, waited.stderr);
    assert.match(waited.stdout, /job.batch\/three condition met/);
    const job = await jobs().get('three');
    assert.equal(job.status?.succeeded, 3);
    assert.equal(job.status?.active, 0);
    assert.ok(job.status?.startTime !== undefined && job.status.completionTime !== undefined);
    assert.deepEqual(job.status?.uncountedTerminatedPods ?? {}, { succeeded: [], failed: [] });
    const types = job.status?.conditions?.map((c) => [c.type, c.status, c.reason]);
    assert.deepEqual(types, [
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    const pods = await podsOf('three');
    assert.equal(pods.length, 3);
    for (const pod of pods) assert.deepEqual(pod.metadata?.finalizers ?? [], [], 'the job-tracking finalizer is removed');
  });

  test('an Indexed Job completes indexes 0-2, each pod with its index and hostname', async () => {
    await jobs().create(jobBody('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const job = await eventually(async () => {
      const j = await jobs().get('indexed');
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
    });
    assert.equal(job.status?.completedIndexes, '0-2');
    assert.equal(job.status?.succeeded, 3);
    const pods = await podsOf('indexed');
    const seen = pods.map((p) => [p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'], p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'], p.spec?.hostname]);
    seen.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(seen, [
      ['0', '0', 'indexed-0'],
      ['1', '1', 'indexed-1'],
      ['2', '2', 'indexed-2'],
    ]);
    assert.ok(pods.every((p) => p.metadata?.name?.startsWith(`indexed-${p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']}-`)));
  });

  test('a successPolicy rule completes an Indexed Job before every index ran', async () => {
    const successPolicy = { rules: [{ succeededIndexes: '0', succeededCount: 1 }] };
    await jobs().create(jobBody('early', { completions: 3, parallelism: 1, completionMode: 'Indexed', successPolicy }));
    const job = await eventually(async () => {
      const j = await jobs().get('early');
      return j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
    });
    assert.deepEqual(
      job.status?.conditions?.map((c) => [c.type, c.reason, c.message]),
      [
        ['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0'],
        ['Complete', 'SuccessPolicy', 'Matched rules at index 0'],
      ],
    );
    assert.equal(job.status?.completedIndexes, '0');
    assert.equal(job.status?.succeeded, 1);
  });

  test('a failing Job with backoffLimit 1 ends Failed with BackoffLimitExceeded after two pods', async () => {
    await jobs().create(jobBody('failing', { backoffLimit: 1 }, { 'kubets.io/exit-code': '1' }));
    const waited = await cluster.kubectl(['wait', '--for=condition=failed', 'job/failing', '--timeout=30s']);
    assert.equal(waited.code, 0, waited.stderr);
    const job = await jobs().get('failing');
    const failed = job.status?.conditions?.find((c) => c.type === 'Failed');
    assert.equal(failed?.reason, 'BackoffLimitExceeded');
    assert.equal(failed?.message, 'Job has reached the specified backoff limit');
    assert.equal(job.status?.failed, 2);
    assert.ok(job.status?.conditions?.some((c) => c.type === 'FailureTarget' && c.status === 'True'));
    assert.equal(job.status?.completionTime, undefined);
    assert.equal((await podsOf('failing')).length, 2);
  });

  test('a FailJob podFailurePolicy rule fails the Job on the first matching exit code', async () => {
    const rules = [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }];
    await jobs().create(jobBody('policy', { backoffLimit: 5, podFailurePolicy: { rules } }, { 'kubets.io/exit-code': '42' }));
    const job = await eventually(async () => {
      const j = await jobs().get('policy');
      return j.status?.conditions?.some((c) => c.type === 'Failed') ? j : undefined;
    });
    const failed = job.status?.conditions?.find((c) => c.type === 'Failed');
    assert.equal(failed?.reason, 'PodFailurePolicy');
    assert.match(failed?.message ?? '', /^Container main for pod default\/policy-\w+ failed with exit code 42 matching FailJob rule at index 0$/);
    assert.equal(job.status?.failed, 1);
  });

  test('backoffLimitPerIndex fails each index after its own retries; the Job ends FailedIndexes', async () => {
    await jobs().create(jobBody('per-index', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1 }, { 'kubets.io/exit-code': '1' }));
    const job = await eventually(async () => {
      const j = await jobs().get('per-index');
      return j.status?.conditions?.some((c) => c.type === 'Failed') ? j : undefined;
    });
    const failed = job.status?.conditions?.find((c) => c.type === 'Failed');
    assert.deepEqual([failed?.reason, failed?.message], ['FailedIndexes', 'Job has failed indexes']);
    assert.equal(job.status?.failedIndexes, '0-1');
    assert.equal(job.status?.failed, 4);
    const counts = (await podsOf('per-index')).map((p) => `${p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']}:${p.metadata?.annotations?.['batch.kubernetes.io/job-index-failure-count']}`);
    assert.deepEqual(counts.sort(), ['0:0', '0:1', '1:0', '1:1']);
  });

  test('a suspended Job runs no pod until resumed', async () => {
    await jobs().create(jobBody('later', { suspend: true }));
    const suspended = await eventually(async () => {
      const j = await jobs().get('later');
      return j.status?.conditions?.find((c) => c.type === 'Suspended' && c.status === 'True');
    });
    assert.equal(suspended.reason, 'JobSuspended');
    assert.equal((await podsOf('later')).length, 0);
    await jobs().patch('later', 'merge', { spec: { suspend: false } });
    const job = await eventually(async () => {
      const j = await jobs().get('later');
      return j.status?.conditions?.some((c) => c.type === 'Complete') ? j : undefined;
    });
    assert.equal(job.status?.conditions?.find((c) => c.type === 'Suspended')?.reason, 'JobResumed');
  });

  test('activeDeadlineSeconds fails a Job that runs too long', async () => {
    await jobs().create(jobBody('slow', { activeDeadlineSeconds: 1 }, { 'kubets.io/run-duration': '1h' }));
    const job = await eventually(async () => {
      const j = await jobs().get('slow');
      return j.status?.conditions?.some((c) => c.type === 'Failed') ? j : undefined;
    });
    assert.equal(job.status?.conditions?.find((c) => c.type === 'Failed')?.reason, 'DeadlineExceeded');
  });

  test('ttlSecondsAfterFinished deletes a finished Job', async () => {
    await jobs().create(jobBody('short-lived', { ttlSecondsAfterFinished: 0 }));
    await eventually(async () => {
      try {
        await jobs().get('short-lived');
        return undefined;
      } catch (error) {
        if (isNotFound(error)) return true;
        throw error;
      }
    });
  });

  test('a CronJob creates a Job on schedule, named after the scheduled minute', async () => {
    const cronJobs = client.resource<CronJob>(CRON_JOBS).namespace('default');
    // Runs long enough for the CronJob to list it as active.
    const template = jobBody('x', {}, { 'kubets.io/run-duration': '1500ms' }).spec;
    const cron0 = await cronJobs.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: template } } });
    const firstTick = Math.floor(Date.parse(cron0.metadata?.creationTimestamp ?? '') / 300_000) * 300_000 + 300_000;
    // Before the first five-minute mark after its creation nothing is due.
    await cronClock.advance(Math.max(0, firstTick - 1000 - cronClock.now()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const early = (await jobs().list()).items.filter((j) => j.metadata?.name?.startsWith('tick-'));
    assert.deepEqual(early.map((j) => j.metadata?.name), []);
    await cronClock.advance(2000);
    const scheduled = firstTick / 60_000;
    const stamp = new Date(firstTick).toISOString().replace('.000Z', 'Z');
    const job = await eventually(() => jobs().get(`tick-${scheduled}`).catch(() => undefined));
    assert.equal(job.metadata?.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], stamp);
    assert.equal(job.metadata?.ownerReferences?.[0]?.kind, 'CronJob');
    const cron = await eventually(async () => {
      const c = await cronJobs.get('tick');
      return c.status?.lastScheduleTime === stamp && c.status.active !== undefined ? c : undefined;
    });
    assert.deepEqual(cron.status?.active?.map((r) => r.name), [`tick-${scheduled}`]);
    await eventually(async () => {
      const c = await cronJobs.get('tick');
      return c.status?.lastSuccessfulTime !== undefined && (c.status.active ?? []).length === 0 ? c : undefined;
    });
  });

  test('concurrencyPolicy Forbid skips a run while one is active; Replace replaces the active Job', async () => {
    const cronJobs = client.resource<CronJob>(CRON_JOBS).namespace('default');
    const template = jobBody('x', {}, { 'kubets.io/run-duration': '1h' }).spec;
    for (const [name, policy] of [['forbid', 'Forbid'], ['replace', 'Replace']] as const) {
      await cronJobs.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { schedule: '* * * * *', concurrencyPolicy: policy, jobTemplate: { spec: template } } });
    }
    const live = async (cron: string) =>
      (await jobs().list()).items.filter((j) => j.metadata?.ownerReferences?.[0]?.name === cron && j.metadata.deletionTimestamp === undefined).map((j) => j.metadata?.name);
    // The most recent missed minute runs at once.
    const [forbidFirst, replaceFirst] = await eventually(async () => {
      const f = await live('forbid');
      const r = await live('replace');
      return f.length === 1 && r.length === 1 ? [f[0], r[0]] : undefined;
    });
    await cronClock.advance(60_000);
    const replaced = await eventually(async () => {
      const r = await live('replace');
      return r.length === 1 && r[0] !== replaceFirst ? r : undefined;
    });
    assert.notEqual(replaced[0], replaceFirst);
    assert.deepEqual(await live('forbid'), [forbidFirst]);
    // The replaced Job's pods are collected; they could not go while holding the job-tracking finalizer.
    await eventually(async () => ((await podsOf(replaceFirst ?? '')).length === 0 ? true : undefined));
  });
});
