// The pod state machine of a simulated kubelet, as a pure function: given a pod bound to
// the node and the time, what its status should be, whether to delete it, and when to
// look again. Every time it needs comes from the pod itself (startTime, the containers'
// startedAt) or from the caller (when the deletion was first seen), so the answer is
// the same however often it is asked, and a restarted simulator carries on.
//
//   (bound, no startTime) ──▶ Running, not ready ──ready-after──▶ Running, ready
//                                  │ (Never/OnFailure, after run-duration)
//                                  ▼
//                          Succeeded / Failed (exit code)
//   any, deletionTimestamp ──▶ containers terminated (terminal phase) ──scaled grace──▶ deleted (grace 0)

import type { Container, Pod, PodCondition } from '../client/index.js';
import { digest, rfc3339 } from './format.js';
import { podBehaviour, type PodBehaviour } from './pod-annotations.js';
import { crashLoopState, type CrashLoopState } from './crash-loop.js';
import { imageID, normalizeImage } from './node-images.js';

export interface LifecycleSettings {
  /** Run time of Never/OnFailure containers without `kubets.io/run-duration`. */
  readonly defaultRunDurationMs: number;
  /** The grace period of a deletion is multiplied by this… */
  readonly deletionGraceFactor: number;
  /** …and capped at this. */
  readonly maxDeletionGraceMs: number;
}

export const DEFAULT_LIFECYCLE: LifecycleSettings = { defaultRunDurationMs: 1000, deletionGraceFactor: 0.02, maxDeletionGraceMs: 2000 };

export interface PodContext {
  readonly now: number;
  readonly hostIP: string;
  /** The IP the node holds for this pod. */
  readonly podIP: string;
  /**
   * When the node started the pod's containers, to the millisecond, if it remembers;
   * otherwise status.startTime (whole seconds) serves, and a pod without one starts now.
   */
  readonly startedAt?: number;
  /** When the node first saw the pod's deletionTimestamp (undefined: not being deleted). */
  readonly deletionSeenAt?: number;
  readonly settings: LifecycleSettings;
}

export type PodStatus = NonNullable<Pod['status']>;

/** What to do with a pod now. */
export interface PodPlan {
  /** The status the pod should have (undefined: leave it as it is). */
  readonly status?: PodStatus;
  /** Delete the pod with grace 0. */
  readonly delete: boolean;
  /** Look at the pod again at this time, unless it changes first. */
  readonly wakeAt?: number;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

interface PodSpecView {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  readinessGates?: { conditionType: string }[];
}

interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
  /** What a running container was given (cpu and memory), as kubelets that resize in place report it. */
  resources?: ReportedResources;
}

type ResourceList = Record<string, string>;

interface ReportedResources {
  requests?: ResourceList;
  limits?: ResourceList;
}

interface ContainerState {
  running?: { startedAt: string };
  waiting?: { reason: string; message: string };
  terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string; containerID: string };
}

/** The next step for `pod`; see the diagram at the top of the file. */
export function planPod(pod: Pod, ctx: PodContext): PodPlan {
  const status = pod.status ?? {};
  const started = typeof status.startTime === 'string';
  if (ctx.deletionSeenAt !== undefined) return planDeletion(pod, ctx, ctx.deletionSeenAt, started);
  if (TERMINAL.has(status.phase ?? '')) return { delete: false };
  const start = ctx.startedAt ?? (started ? Date.parse(status.startTime as string) : ctx.now);
  const behaviour = podBehaviour(pod);
  const spec = specOf(pod);
  const crashRunMs = crashingRunMs(spec, behaviour, ctx.settings);
  if (crashRunMs !== undefined) {
    const loop = crashLoopState(start, crashRunMs, ctx.now);
    const readyAt = loop.runStartedAt + (behaviour.readyAfterMs ?? 0);
    const ready = loop.running && ctx.now >= readyAt;
    const wakeAt = loop.running && !ready ? Math.min(readyAt, loop.nextChangeAt) : loop.nextChangeAt;
    return { status: crashingStatus(pod, ctx, start, loop, behaviour.exitCode || 1, ready), delete: false, wakeAt };
  }
  const readyAt = start + (behaviour.readyAfterMs ?? 0);
  const finishAt = runsToCompletion(spec) ? start + (behaviour.runDurationMs ?? ctx.settings.defaultRunDurationMs) : undefined;
  if (finishAt !== undefined && ctx.now >= finishAt) {
    const exitCode = behaviour.exitCode ?? 0;
    return { status: finishedStatus(pod, ctx, start, finishAt, exitCode), delete: false };
  }
  const ready = ctx.now >= readyAt;
  const wakes = [ready ? undefined : readyAt, finishAt].filter((t): t is number => t !== undefined);
  return { status: runningStatus(pod, ctx, start, ready), delete: false, wakeAt: wakes.length > 0 ? Math.min(...wakes) : undefined };
}

function planDeletion(pod: Pod, ctx: PodContext, seenAt: number, started: boolean): PodPlan {
  if (!started) return { delete: true };
  const grace = (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  const deleteAt = seenAt + Math.min(grace * ctx.settings.deletionGraceFactor, ctx.settings.maxDeletionGraceMs);
  const terminal = TERMINAL.has(pod.status?.phase ?? '');
  if (terminal) return { delete: true };
  // The containers take the (scaled) grace period to stop; then the kubelet reports them
  // killed — a terminal status written before it lets the pod go.
  if (ctx.now < deleteAt) return { delete: false, wakeAt: deleteAt };
  return { status: killedStatus(pod, ctx, ctx.now), delete: false, wakeAt: ctx.now };
}

function specOf(pod: Pod): PodSpecView {
  return (pod.spec ?? { containers: [] }) as unknown as PodSpecView;
}

function runsToCompletion(spec: PodSpecView): boolean {
  return spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure';
}

/**
 * How long each run of a failing, restarted container lasts, or undefined when the
 * containers do not crash-loop: Always pods with `kubets.io/crash-loop`, and OnFailure pods
 * whose exit code is not 0 (the kubelet restarts failed containers of those).
 */
function crashingRunMs(spec: PodSpecView, behaviour: PodBehaviour, settings: LifecycleSettings): number | undefined {
  const policy = spec.restartPolicy ?? 'Always';
  if (policy === 'Always') return behaviour.crashLoopRunMs;
  if (policy === 'OnFailure' && (behaviour.exitCode ?? 0) !== 0) return behaviour.runDurationMs ?? settings.defaultRunDurationMs;
  return undefined;
}

function crashingStatus(pod: Pod, ctx: PodContext, start: number, loop: CrashLoopState, exitCode: number, ready: boolean): PodStatus {
  const spec = specOf(pod);
  const uid = pod.metadata?.uid ?? '';
  const init = (spec.initContainers ?? []).map((c) => (isSidecar(c) ? { ...identity(pod, c), ready: true, started: true, state: { running: { startedAt: rfc3339(start) } } } : completed(pod, c, start, start, 0)));
  const containers = spec.containers.map((c): ContainerStatus => {
    const idOf = (run: number) => `kubets://${digest(`${uid}/${c.name}/${run}`)}`;
    const lastState: ContainerState = loop.lastRun
      ? { terminated: { exitCode, reason: 'Error', startedAt: rfc3339(loop.lastRun.startedAt), finishedAt: rfc3339(loop.lastRun.finishedAt), containerID: idOf(loop.running ? loop.restartCount - 1 : loop.restartCount) } }
      : {};
    const base = { ...identity(pod, c), containerID: idOf(loop.restartCount), restartCount: loop.restartCount, lastState };
    if (loop.running) return { ...base, ready, started: true, state: { running: { startedAt: rfc3339(loop.runStartedAt) } }, resources: reportedResources(c) };
    const message = `back-off ${goDuration(loop.backoffMs)} restarting failed container=${c.name} pod=${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${uid})`;
    return { ...base, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message } } };
  });
  const unready = containers.filter((c) => !c.ready).map((c) => c.name);
  return withConditions(pod, ctx, start, 'Running', init, containers, {
    sandbox: true,
    containersReady: unready.length === 0 ? ok() : notOk('ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`),
  });
}

/** Go's Duration.String() for whole seconds: `10s`, `1m20s`, `5m0s`. */
function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

/**
 * The cpu and memory a running container has, which is what its spec asks for: a resize
 * (pods/resize) takes effect at once. Reporting it is also how the API server knows this
 * node resizes in place; without it pods/resize refuses running pods.
 */
function reportedResources(c: Container): ReportedResources {
  const pick = (list: ResourceList | undefined): ResourceList | undefined => {
    const out: ResourceList = {};
    for (const name of ['cpu', 'memory']) {
      const value = list?.[name];
      if (value !== undefined) out[name] = value;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const reported: ReportedResources = {};
  const requests = pick(c.resources?.requests);
  const limits = pick(c.resources?.limits);
  if (requests) reported.requests = requests;
  if (limits) reported.limits = limits;
  return reported;
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

function runningStatus(pod: Pod, ctx: PodContext, start: number, ready: boolean): PodStatus {
  const spec = specOf(pod);
  const startedAt = rfc3339(start);
  const running = (c: Container, isReady: boolean): ContainerStatus => ({
    ...identity(pod, c),
    ready: isReady,
    started: true,
    state: { running: { startedAt } },
    resources: reportedResources(c),
  });
  const init = (spec.initContainers ?? []).map((c) => (isSidecar(c) ? running(c, true) : completed(pod, c, start, start, 0)));
  const containers = spec.containers.map((c) => running(c, ready));
  const unready = ready ? [] : spec.containers.map((c) => c.name);
  return withConditions(pod, ctx, start, 'Running', init, containers, {
    sandbox: true,
    containersReady: unready.length === 0 ? ok() : notOk('ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`),
  });
}

function finishedStatus(pod: Pod, ctx: PodContext, start: number, finish: number, exitCode: number): PodStatus {
  const spec = specOf(pod);
  const init = (spec.initContainers ?? []).map((c) => completed(pod, c, start, isSidecar(c) ? finish : start, 0));
  const containers = spec.containers.map((c) => completed(pod, c, start, finish, exitCode));
  const phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  return withConditions(pod, ctx, start, phase, init, containers, { sandbox: false, containersReady: notOk(reason, '') });
}

/** Exit code of a container the kubelet stopped (128 + SIGKILL), as runtimes report it. */
const KILLED_EXIT_CODE = 137;

function killedStatus(pod: Pod, ctx: PodContext, killedAt: number): PodStatus {
  const spec = specOf(pod);
  const start = ctx.startedAt ?? Date.parse(pod.status?.startTime as string);
  const init = (spec.initContainers ?? []).map((c) => completed(pod, c, start, isSidecar(c) ? killedAt : start, isSidecar(c) ? KILLED_EXIT_CODE : 0));
  const containers = spec.containers.map((c) => completed(pod, c, start, killedAt, KILLED_EXIT_CODE));
  return withConditions(pod, ctx, start, 'Failed', init, containers, { sandbox: false, containersReady: notOk('PodFailed', '') });
}

function completed(pod: Pod, c: Container, start: number, finish: number, exitCode: number): ContainerStatus {
  const id = identity(pod, c);
  return {
    ...id,
    ready: false,
    started: false,
    state: {
      terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: rfc3339(start), finishedAt: rfc3339(finish), containerID: id.containerID ?? '' },
    },
  };
}

function identity(pod: Pod, c: Container): Omit<ContainerStatus, 'ready' | 'started' | 'state'> {
  const image = normalizeImage(c.image ?? '');
  return {
    name: c.name,
    image,
    imageID: imageID(image),
    containerID: `kubets://${digest(`${pod.metadata?.uid ?? ''}/${c.name}/0`)}`,
    restartCount: 0,
    lastState: {},
  };
}

interface ConditionValue {
  readonly status: 'True' | 'False';
  readonly reason?: string;
  readonly message?: string;
}

const ok = (): ConditionValue => ({ status: 'True' });
const notOk = (reason: string, message: string): ConditionValue => ({ status: 'False', reason, message: message === '' ? undefined : message });

function withConditions(
  pod: Pod,
  ctx: PodContext,
  start: number,
  phase: string,
  initContainerStatuses: ContainerStatus[],
  containerStatuses: ContainerStatus[],
  values: { sandbox: boolean; containersReady: ConditionValue },
): PodStatus {
  const current = pod.status ?? {};
  const conditions = current.conditions ?? [];
  const ready = readyCondition(specOf(pod), conditions, values.containersReady);
  const wanted: [string, ConditionValue][] = [
    ['PodReadyToStartContainers', values.sandbox ? ok() : notOk('', '')],
    ['Initialized', ok()],
    ['Ready', ready],
    ['ContainersReady', values.containersReady],
    ['PodScheduled', ok()],
  ];
  const kept = conditions.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const status: PodStatus = {
    ...current,
    phase,
    conditions: [...wanted.map(([type, value]) => condition(conditions, type, value, ctx.now)), ...kept],
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    podIP: ctx.podIP,
    podIPs: [{ ip: ctx.podIP }],
    startTime: current.startTime ?? rfc3339(start),
    containerStatuses,
  };
  if (initContainerStatuses.length > 0) status.initContainerStatuses = initContainerStatuses;
  return status;
}

/** Ready needs ready containers and every readiness gate's condition True. */
function readyCondition(spec: PodSpecView, conditions: PodCondition[], containersReady: ConditionValue): ConditionValue {
  if (containersReady.status !== 'True') return containersReady;
  const missing: string[] = [];
  const unready: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const found = conditions.find((c) => c.type === gate.conditionType);
    if (found === undefined) missing.push(gate.conditionType);
    else if (found.status !== 'True') unready.push(gate.conditionType);
  }
  if (missing.length === 0 && unready.length === 0) return ok();
  const messages = [
    ...missing.map((t) => `corresponding condition of pod readiness gate "${t}" does not exist.`),
    ...unready.map((t) => `the status of pod readiness gate "${t}" is not "True", but False`),
  ];
  return notOk('ReadinessGatesNotReady', messages.join(', '));
}

function condition(existing: PodCondition[], type: string, value: ConditionValue, now: number): PodCondition {
  const previous = existing.find((c) => c.type === type);
  const out: PodCondition = {
    type,
    status: value.status,
    lastTransitionTime: previous?.status === value.status && previous.lastTransitionTime !== undefined ? previous.lastTransitionTime : rfc3339(now),
  };
  if (value.reason !== undefined && value.reason !== '') out.reason = value.reason;
  if (value.message !== undefined) out.message = value.message;
  return out;
}
