import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, type Pod, type PodCondition } from '../client/index.js';
import { rfc3339 } from './format.js';
import { DEFAULT_LIFECYCLE, planPod, type PodContext, type PodPlan } from './pod-lifecycle.js';

interface Status {
  phase?: string;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  qosClass?: string;
  conditions?: PodCondition[];
  containerStatuses?: { name: string; ready: boolean; started: boolean; restartCount: number; containerID: string; imageID: string; image: string; state: Record<string, { exitCode?: number; reason?: string; startedAt?: string; finishedAt?: string }> }[];
  initContainerStatuses?: { name: string; state: Record<string, { reason?: string }> }[];
}

function pod(overrides: { restartPolicy?: string; annotations?: Record<string, string>; readinessGates?: { conditionType: string }[]; initContainers?: unknown[] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1', annotations: overrides.annotations },
    spec: {
      nodeName: 'n1',
      restartPolicy: overrides.restartPolicy ?? 'Always',
      readinessGates: overrides.readinessGates,
      initContainers: overrides.initContainers,
      containers: [{ name: 'app', image: 'nginx' }],
    },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-12-31T23:00:00Z' }] },
  };
}

/** Plays the simulator: plans, applies the status the plan asks for, and reports it. */
class Harness {
  readonly clock = new FakeClock();
  startedAt: number | undefined;
  deletionSeenAt: number | undefined;
  constructor(public current: Pod) {}

  ctx(): PodContext {
    return { now: this.clock.now(), hostIP: '172.18.0.2', podIP: '10.244.0.2', startedAt: this.startedAt, deletionSeenAt: this.deletionSeenAt, settings: DEFAULT_LIFECYCLE };
  }

  step(): PodPlan {
    if (this.current.status?.startTime === undefined && this.startedAt === undefined) this.startedAt = this.clock.now();
    const plan = planPod(this.current, this.ctx());
    if (plan.status !== undefined) this.current = { ...this.current, status: plan.status };
    return plan;
  }

  get status(): Status {
    return this.current.status as Status;
  }

  condition(type: string): string | undefined {
    return this.status.conditions?.find((c) => c.type === type)?.status;
  }
}

describe('pod lifecycle', () => {
  test('a bound pod starts Running, ready, with container statuses, conditions, IPs and start time', () => {
    const h = new Harness(pod({ initContainers: [{ name: 'init', image: 'busybox' }] }));
    const plan = h.step();
    assert.equal(plan.delete, false);
    assert.equal(plan.wakeAt, undefined, 'a running Always pod needs no wake-up');
    const s = h.status;
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, '10.244.0.2');
    assert.equal(s.hostIP, '172.18.0.2');
    assert.equal(s.qosClass, 'BestEffort');
    assert.equal(s.startTime, rfc3339(h.clock.now()));
    assert.deepEqual(s.conditions?.map((c) => [c.type, c.status]), [
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    assert.equal(s.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime, '2025-12-31T23:00:00Z', 'PodScheduled kept');
    const [app] = s.containerStatuses ?? [];
    assert.equal(app?.ready, true);
    assert.equal(app?.started, true);
    assert.equal(app?.restartCount, 0);
    assert.equal(app?.image, 'docker.io/library/nginx:latest');
    assert.match(app?.imageID ?? '', /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(app?.containerID ?? '', /^kubets:\/\/[0-9a-f]{64}$/);
    assert.ok(app?.state.running);
    assert.equal(s.initContainerStatuses?.[0]?.state.terminated?.reason, 'Completed');
  });

  test('running containers report their cpu and memory, and a resize at once', () => {
    const h = new Harness(pod());
    const resized = (cpu: string) => {
      const spec = h.current.spec!;
      h.current = { ...h.current, spec: { ...spec, containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu, 'ephemeral-storage': '1Gi' }, limits: { memory: '64Mi' } } }] } };
    };
    h.step();
    assert.deepEqual((h.status.containerStatuses?.[0] as { resources?: unknown }).resources, {});
    resized('100m');
    h.step();
    assert.deepEqual((h.status.containerStatuses?.[0] as { resources?: unknown }).resources, { requests: { cpu: '100m' }, limits: { memory: '64Mi' } });
    resized('200m');
    h.step();
    assert.deepEqual((h.status.containerStatuses?.[0] as { resources?: unknown }).resources, { requests: { cpu: '200m' }, limits: { memory: '64Mi' } });
  });

  test('planning again without a change in time or pod plans the same status', () => {
    const h = new Harness(pod());
    const first = h.step();
    const again = planPod(h.current, h.ctx());
    assert.deepEqual(again.status, first.status);
  });

  test('kubets.io/ready-after keeps the pod unready until then, and asks to be woken', async () => {
    const h = new Harness(pod({ annotations: { 'kubets.io/ready-after': '3s' } }));
    const start = h.clock.now();
    assert.equal(h.step().wakeAt, start + 3000);
    assert.equal(h.condition('Ready'), 'False');
    assert.equal(h.condition('ContainersReady'), 'False');
    assert.match(h.status.conditions?.find((c) => c.type === 'Ready')?.message ?? '', /containers with unready status: \[app\]/);
    await h.clock.advance(2999);
    h.step();
    assert.equal(h.condition('Ready'), 'False');
    await h.clock.advance(1);
    h.step();
    assert.equal(h.condition('Ready'), 'True');
  });

  test('a readiness gate holds Ready until its condition is True', () => {
    const h = new Harness(pod({ readinessGates: [{ conditionType: 'example.com/lb' }] }));
    h.step();
    assert.equal(h.condition('ContainersReady'), 'True');
    assert.equal(h.condition('Ready'), 'False');
    const conditions = [...(h.status.conditions ?? []), { type: 'example.com/lb', status: 'True' }];
    h.current = { ...h.current, status: { ...h.current.status, conditions } };
    h.step();
    assert.equal(h.condition('Ready'), 'True');
    assert.equal(h.condition('example.com/lb'), 'True', 'a gate condition is kept');
  });

  test('kubets.io/crash-loop: the container fails, waits in CrashLoopBackOff, and is restarted with back-off', async () => {
    const h = new Harness(pod({ annotations: { 'kubets.io/crash-loop': '2s', 'kubets.io/exit-code': '3' } }));
    const start = h.clock.now();
    assert.equal(h.step().wakeAt, start + 2000);
    assert.equal(h.status.phase, 'Running');
    assert.ok(h.status.containerStatuses?.[0]?.state.running);
    await h.clock.advance(2000);
    const waiting = h.step();
    const crashed = h.status.containerStatuses?.[0] as unknown as {
      ready: boolean;
      restartCount: number;
      state: { waiting?: { reason: string; message: string } };
      lastState: { terminated?: { exitCode: number; reason: string } };
    };
    assert.equal(crashed.ready, false);
    assert.equal(crashed.restartCount, 0);
    assert.equal(crashed.state.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(crashed.state.waiting?.message, 'back-off 10s restarting failed container=app pod=p_default(uid-1)');
    assert.deepEqual([crashed.lastState.terminated?.exitCode, crashed.lastState.terminated?.reason], [3, 'Error']);
    assert.equal(h.condition('Ready'), 'False');
    assert.equal(waiting.wakeAt, start + 12_000);
    await h.clock.advance(10_000);
    h.step();
    const restarted = h.status.containerStatuses?.[0];
    assert.equal(restarted?.restartCount, 1);
    assert.ok(restarted?.state.running);
    assert.equal(h.condition('Ready'), 'True');
    await h.clock.advance(2000);
    h.step();
    assert.match((h.status.containerStatuses?.[0] as unknown as { state: { waiting?: { message: string } } }).state.waiting?.message ?? '', /^back-off 20s /);
  });

  test('an OnFailure pod whose container fails is restarted, not failed', async () => {
    const h = new Harness(pod({ restartPolicy: 'OnFailure', annotations: { 'kubets.io/exit-code': '1' } }));
    h.step();
    await h.clock.advance(1000);
    h.step();
    assert.equal(h.status.phase, 'Running');
    assert.equal((h.status.containerStatuses?.[0] as unknown as { state: { waiting?: { reason: string } } }).state.waiting?.reason, 'CrashLoopBackOff');
  });

  test('a restartPolicy Never pod succeeds after the default run time', async () => {
    const h = new Harness(pod({ restartPolicy: 'Never' }));
    const start = h.clock.now();
    assert.equal(h.step().wakeAt, start + 1000);
    await h.clock.advance(999);
    h.step();
    assert.equal(h.status.phase, 'Running');
    await h.clock.advance(1);
    const plan = h.step();
    assert.equal(plan.wakeAt, undefined);
    assert.equal(h.status.phase, 'Succeeded');
    const terminated = h.status.containerStatuses?.[0]?.state.terminated;
    assert.deepEqual([terminated?.exitCode, terminated?.reason], [0, 'Completed']);
    assert.equal(h.condition('Ready'), 'False');
    assert.equal(h.condition('PodReadyToStartContainers'), 'False');
    assert.equal(planPod(h.current, h.ctx()).status, undefined, 'a finished pod is left alone');
  });

  test('kubets.io/exit-code fails a Never pod; kubets.io/run-duration sets its run time', async () => {
    const h = new Harness(pod({ restartPolicy: 'Never', annotations: { 'kubets.io/exit-code': '2', 'kubets.io/run-duration': '1m' } }));
    assert.equal(h.step().wakeAt, h.clock.now() + 60_000);
    await h.clock.advance(60_000);
    h.step();
    assert.equal(h.status.phase, 'Failed');
    const terminated = h.status.containerStatuses?.[0]?.state.terminated;
    assert.deepEqual([terminated?.exitCode, terminated?.reason], [2, 'Error']);
  });

  test('the run time counts from the start to the millisecond, not from the truncated startTime', async () => {
    const h = new Harness(pod({ restartPolicy: 'OnFailure' }));
    await h.clock.advance(900); // start at .900 of a second: startTime says .000
    const start = h.clock.now();
    h.step();
    await h.clock.advance(500);
    h.step();
    assert.equal(h.status.phase, 'Running', `finished ${h.clock.now() - start} ms after starting`);
  });

  test('deletion: containers stop over the scaled grace period, are reported killed, then the pod goes', async () => {
    const h = new Harness(pod());
    h.step();
    h.current = { ...h.current, metadata: { ...h.current.metadata, deletionTimestamp: rfc3339(h.clock.now() + 30_000), deletionGracePeriodSeconds: 30 } };
    h.deletionSeenAt = h.clock.now();
    const first = h.step();
    assert.equal(first.delete, false);
    assert.equal(first.wakeAt, h.deletionSeenAt + 600, '30 s × 0.02');
    assert.equal(h.status.phase, 'Running', 'still stopping during the grace period');
    await h.clock.advance(600);
    const killed = h.step();
    assert.equal(killed.delete, false);
    assert.equal(h.status.phase, 'Failed');
    assert.deepEqual([h.status.containerStatuses?.[0]?.state.terminated?.exitCode, h.status.containerStatuses?.[0]?.state.terminated?.reason], [137, 'Error']);
    assert.equal(h.step().delete, true);
  });

  test('deletion with a long grace period waits at most the cap', () => {
    const h = new Harness(pod());
    h.step();
    h.current = { ...h.current, metadata: { ...h.current.metadata, deletionTimestamp: rfc3339(h.clock.now()), deletionGracePeriodSeconds: 3600 } };
    h.deletionSeenAt = h.clock.now();
    assert.equal(h.step().wakeAt, h.deletionSeenAt + 2000);
  });

  test('a pod deleted before it started is deleted at once', () => {
    const h = new Harness(pod());
    h.current = { ...h.current, metadata: { ...h.current.metadata, deletionTimestamp: rfc3339(h.clock.now()), deletionGracePeriodSeconds: 30 } };
    h.deletionSeenAt = h.clock.now();
    assert.deepEqual(planPod(h.current, h.ctx()), { delete: true });
  });
});
