// The Job controller (upstream's pkg/controller/job): runs pods until enough succeed, or
// fails the Job, and tracks every finished pod exactly once through the job-tracking finalizer.
//
//   sync(ns/name): gone ─▶ release pods' finalizers
//     finished pods still holding the finalizer ─▶ status.uncountedTerminatedPods (write)
//       ─▶ remove their finalizers ─▶ move them into succeeded/failed (completedIndexes)
//     FailJob rule, failed > backoffLimit, activeDeadlineSeconds ─▶ FailureTarget, delete active ─▶ Failed
//     enough succeeded (or a successPolicy rule) ─▶ SuccessCriteriaMet, delete active ─▶ Complete
//     suspend ─▶ delete active, Suspended │ otherwise create pods (after back-off) up to parallelism
//     write status when it changed

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { labelSelectorFromObject, type LabelSelector } from '../../machinery/label-selector.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { formatTime, parseTime } from '../../machinery/time.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type Clock, type DeletedFinalStateUnknown, type Pod, type SharedInformer } from '../../client/index.js';
import { canonicalJson } from '../base/canonical-json.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { claimObjects } from '../base/controller-ref-manager.js';
import { Expectations } from '../base/expectations.js';
import { controllerRef, isPodActive, isPodReady } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, remainingBackoff, type BackoffSettings } from './backoff.js';
import * as cond from './conditions.js';
import { formatIndexes, parseIndexes } from './indexes.js';
import { failsIndex, failuresPerIndex } from './per-index.js';
import { failedIndexesOutcome, failureTarget, onlyReplaceFailed, successCriteria, uncountedSize } from './outcome.js';
import { planIndexed, planNonIndexed } from './plan.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { hasTrackingFinalizer, ownerRefTo, podForJob, podIndex } from './pod-template.js';
import { JOBS, JOB_TRACKING_FINALIZER, finishedCondition, type Job, type JobStatus } from './types.js';

const DEFAULT_BACKOFF_LIMIT = 6;

export interface JobControllerOptions {
  /** Time of status fields, deadlines, back-off and the queue's delays (default: real). */
  readonly clock?: Clock;
  /** Pod-failure back-off; upstream: 10 s doubling up to 6 min. */
  readonly backoff?: Partial<BackoffSettings>;
}

/** What one sync found about the Job's pods. */
interface PodCounts {
  readonly active: Pod[];
  readonly terminating: Pod[];
}

export class JobController implements Controller {
  readonly name = 'job-controller';
  readonly expectations = new Expectations();
  private readonly queue: RateLimitingQueue<string>;
  private readonly jobs: SharedInformer<Job>;
  private readonly pods: SharedInformer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly clock: Clock;
  private readonly backoff: BackoffSettings;
  /** uids whose finalizer this controller removed, until the informer shows it gone (stale cache guard). */
  private readonly finalizerRemoved = new Set<string>();
  /** uids of pods this controller deleted (surplus, suspend, failure): not failures of the workload. */
  private readonly deletedByUs = new Set<string>();
  /** Per Job key: when a failure was last counted (upstream keeps its back-off records in memory too). */
  private readonly lastFailure = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext, options: JobControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.backoff = { baseMs: options.backoff?.baseMs ?? DEFAULT_BACKOFF_BASE_MS, maxMs: options.backoff?.maxMs ?? DEFAULT_BACKOFF_MAX_MS };
    this.queue = new RateLimitingQueue<string>({ clock: this.clock });
    this.jobs = ctx.informers.informerFor<Job>(JOBS);
    this.pods = ctx.informers.pods();
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger });
    this.jobs.addEventHandler({
      onAdd: (job) => this.queue.add(objectKey(job)),
      onUpdate: (_old, job) => this.queue.add(objectKey(job)),
      onDelete: (obj) => {
        const key = objectKey(deletedObject(obj));
        this.expectations.delete(key);
        this.lastFailure.delete(key);
        this.queue.add(key);
      },
    });
    this.pods.addEventHandler({ onAdd: (pod) => this.onPod(pod, 'add'), onUpdate: (_old, pod) => this.onPod(pod, 'update'), onDelete: (pod) => this.onPodDeleted(pod) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.jobs, this.pods))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  // ---- handlers: keys and expectations only ----

  private onPod(pod: Pod, kind: 'add' | 'update'): void {
    if (!hasTrackingFinalizer(pod)) this.finalizerRemoved.delete(pod.metadata?.uid ?? '');
    const key = this.ownerKey(pod);
    if (key === undefined) return;
    if (kind === 'add') this.expectations.creationObserved(key);
    if (pod.metadata?.deletionTimestamp !== undefined) this.expectations.deletionObserved(key, objectKey(pod));
    this.queue.add(key);
  }

  private onPodDeleted(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = deletedObject(obj);
    this.finalizerRemoved.delete(pod.metadata?.uid ?? '');
    this.deletedByUs.delete(pod.metadata?.uid ?? '');
    const key = this.ownerKey(pod);
    if (key === undefined) return;
    this.expectations.deletionObserved(key, objectKey(pod));
    this.queue.add(key);
  }

  private ownerKey(pod: Pod): string | undefined {
    const ref = controllerRef(pod);
    if (ref?.kind !== 'Job') return undefined;
    return `${pod.metadata?.namespace ?? ''}/${ref.name}`;
  }

  // ---- sync ----

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const job = this.jobs.lister.namespace(namespace).get(name);
    const all = this.pods.lister.namespace(namespace).list();
    if (job === undefined) {
      this.expectations.delete(key);
      // Orphans keep no finalizer: nothing will ever count them.
      await this.removeFinalizers(all.filter((p) => controllerRef(p)?.kind === 'Job' && controllerRef(p)?.name === name && hasTrackingFinalizer(p)));
      return;
    }
    const selector = selectorOf(job);
    if (selector === undefined) return;
    const pods = await claimObjects(all, { dependents: this.ctx.client.pods(namespace), ref: ownerRefTo(job), owner: job, selector, canAdopt: () => this.canAdopt(job) });
    if (finishedCondition(job) !== undefined || job.metadata?.deletionTimestamp !== undefined) {
      await this.removeFinalizers(pods.filter(hasTrackingFinalizer));
      return;
    }
    await this.reconcile(key, job, pods);
  }

  private async reconcile(key: string, job: Job, pods: Pod[]): Promise<void> {
    const now = this.clock.now();
    const nowText = formatTime(now);
    const status: JobStatus = structuredClone(job.status ?? {});
    let failure = this.trackFinished(key, job, pods, status, now);
    // A FailJob match is recorded with the pods it comes from, before their finalizers go.
    if (failure !== undefined && !cond.hasTrueCondition(status, 'SuccessCriteriaMet')) cond.setCondition(status, 'FailureTarget', 'True', failure, nowText);
    let live = job;
    if (uncountedSize(status) > uncountedSize(job.status ?? {})) live = await this.writeStatus(live, status);
    await this.removeFinalizers(pods.filter((p) => hasTrackingFinalizer(p) && this.podOutcome(job, p) !== undefined));
    this.countUncounted(pods, status);

    const counts = this.countPods(pods);
    const failed = status.failed ?? 0;
    const succeeded = status.succeeded ?? 0;
    const suspended = job.spec?.suspend === true;
    if (!suspended && status.startTime === undefined) status.startTime = nowText;
    const deadline = this.deadline(job, status);
    // Once the success criteria are met the outcome is final: pods stopped afterwards fail no Job.
    if (cond.hasTrueCondition(status, 'SuccessCriteriaMet')) failure = undefined;
    else {
      failure ??= failureTarget(status);
      failure ??= failedIndexesOutcome(job, status);
      if (failure === undefined && failed > (job.spec?.backoffLimit ?? DEFAULT_BACKOFF_LIMIT)) failure = cond.BACKOFF_LIMIT_EXCEEDED;
      if (failure === undefined && !suspended && deadline !== undefined && now >= deadline) failure = cond.DEADLINE_EXCEEDED;
    }
    const success = failure === undefined ? successCriteria(job, status, succeeded, counts.active.length) : undefined;

    if (failure !== undefined) {
      cond.setCondition(status, 'FailureTarget', 'True', failure, nowText);
      await this.deletePods(key, job, counts.active, true);
      if (counts.active.length === 0 && counts.terminating.length === 0 && uncountedSize(status) === 0) {
        cond.setCondition(status, 'Failed', 'True', failure, nowText);
        this.recorder.event(job, 'Warning', failure.reason, failure.message);
      }
    } else if (success !== undefined) {
      cond.setCondition(status, 'SuccessCriteriaMet', 'True', success, nowText);
      await this.deletePods(key, job, counts.active, true);
      if (counts.active.length === 0 && counts.terminating.length === 0 && uncountedSize(status) === 0) {
        cond.setCondition(status, 'Complete', 'True', success, nowText);
        status.completionTime = nowText;
        this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      }
    } else {
      await this.manage(key, job, status, pods, counts, now);
      if (deadline !== undefined && !suspended) this.queue.addAfter(key, Math.max(0, deadline - now) + 10);
    }
    this.setCounts(status, counts);
    await this.writeStatus(live, status);
  }

  /**
   * Finished pods still holding the finalizer go into uncountedTerminatedPods (and, for
   * Indexed Jobs, completedIndexes); returns the failure a FailJob rule asks for, if any.
   */
  private trackFinished(key: string, job: Job, pods: Pod[], status: JobStatus, now: number): cond.ConditionValue | undefined {
    const succeeded = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
    const failed = new Set(status.uncountedTerminatedPods?.failed ?? []);
    const indexed = job.spec?.completionMode === 'Indexed';
    const completed = parseIndexes(status.completedIndexes);
    const completions = job.spec?.completions ?? 0;
    const perIndex = indexed ? job.spec?.backoffLimitPerIndex : undefined;
    const failedIndexes = parseIndexes(status.failedIndexes);
    let failure: cond.ConditionValue | undefined;
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? '';
      if (!hasTrackingFinalizer(pod) || this.finalizerRemoved.has(uid) || succeeded.has(uid) || failed.has(uid)) continue;
      const outcome = this.podOutcome(job, pod);
      if (outcome === 'succeeded') {
        const index = podIndex(pod);
        if (!indexed) succeeded.add(uid);
        else if (index !== undefined && index < completions && !completed.has(index)) {
          succeeded.add(uid);
          completed.add(index);
        }
      } else if (outcome === 'failed') {
        const match = pod.status?.phase === 'Failed' ? matchPodFailurePolicy(job, pod) : undefined;
        if (match?.rule.action === 'Ignore') continue;
        if (match?.rule.action === 'FailJob') failure ??= cond.podFailurePolicyMatched(match.message);
        const index = podIndex(pod);
        if (perIndex !== undefined && index !== undefined && failsIndex(pod, perIndex, match?.rule.action === 'FailIndex')) failedIndexes.add(index);
        failed.add(uid);
        this.lastFailure.set(key, now);
      }
    }
    if (indexed) status.completedIndexes = formatIndexes(completed);
    if (perIndex !== undefined) status.failedIndexes = formatIndexes(failedIndexes);
    status.uncountedTerminatedPods = { succeeded: [...succeeded], failed: [...failed] };
    return failure;
  }

  /** Uncounted pods whose finalizer is gone move into the counts. */
  private countUncounted(pods: Pod[], status: JobStatus): void {
    const byUid = new Map(pods.map((p) => [p.metadata?.uid ?? '', p]));
    const released = (uid: string) => {
      const pod = byUid.get(uid);
      return pod === undefined || !hasTrackingFinalizer(pod) || this.finalizerRemoved.has(uid);
    };
    const move = (uids: string[] | undefined): { counted: number; left: string[] } => {
      const left = (uids ?? []).filter((uid) => !released(uid));
      return { counted: (uids?.length ?? 0) - left.length, left };
    };
    const s = move(status.uncountedTerminatedPods?.succeeded);
    const f = move(status.uncountedTerminatedPods?.failed);
    status.succeeded = (status.succeeded ?? 0) + s.counted;
    status.failed = (status.failed ?? 0) + f.counted;
    status.uncountedTerminatedPods = { succeeded: s.left, failed: f.left };
  }

  /**
   * How a finished pod counts: upstream's isPodFailed also counts a deleted pod as failed
   * (unless only Failed pods are replaced); a pod this controller deleted is not a failure
   * of the workload. undefined: not finished yet.
   */
  private podOutcome(job: Job, pod: Pod): 'succeeded' | 'failed' | 'ignored' | undefined {
    const phase = pod.status?.phase;
    const deleting = pod.metadata?.deletionTimestamp !== undefined;
    if (phase === 'Succeeded') return 'succeeded';
    if ((phase === 'Failed' || deleting) && this.deletedByUs.has(pod.metadata?.uid ?? '')) return 'ignored';
    if (phase === 'Failed') return 'failed';
    if (!deleting || onlyReplaceFailed(job)) return undefined;
    return 'failed';
  }

  private countPods(pods: Pod[]): PodCounts {
    const terminating = pods.filter((p) => p.metadata?.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    return { active: pods.filter(isPodActive), terminating };
  }

  private setCounts(status: JobStatus, counts: PodCounts): void {
    status.active = counts.active.length;
    status.ready = counts.active.filter(isPodReady).length;
    status.terminating = counts.terminating.length;
  }

  private deadline(job: Job, status: JobStatus): number | undefined {
    const seconds = job.spec?.activeDeadlineSeconds;
    if (seconds === undefined || status.startTime === undefined) return undefined;
    return parseTime(status.startTime) + seconds * 1000;
  }

  /** Suspend, or create and delete pods towards the wanted number of active ones. */
  private async manage(key: string, job: Job, status: JobStatus, pods: Pod[], counts: PodCounts, now: number): Promise<void> {
    const nowText = formatTime(now);
    if (job.spec?.suspend === true) {
      if (!cond.hasTrueCondition(status, 'Suspended')) {
        cond.setCondition(status, 'Suspended', 'True', cond.SUSPENDED, nowText);
        this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
      delete status.startTime;
      await this.deletePods(key, job, counts.active);
      return;
    }
    if (cond.hasTrueCondition(status, 'Suspended')) {
      cond.setCondition(status, 'Suspended', 'False', cond.RESUMED, nowText);
      this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
    }
    if (!this.expectations.satisfied(key)) return;
    const busy = onlyReplaceFailed(job) ? [...counts.active, ...counts.terminating] : counts.active;
    const plan = job.spec?.completionMode === 'Indexed' ? planIndexed(job, status, busy) : planNonIndexed(job, status, busy);
    if (plan.remove.length > 0) await this.deletePods(key, job, plan.remove);
    if (plan.create.length === 0) return;
    // With backoffLimitPerIndex each index backs off by its own failures; otherwise the Job's count.
    const perIndex = job.spec?.completionMode === 'Indexed' && job.spec.backoffLimitPerIndex !== undefined ? failuresPerIndex(pods) : undefined;
    const jobFailures = (status.failed ?? 0) + (status.uncountedTerminatedPods?.failed?.length ?? 0);
    const waits = plan.create.map((index) => remainingBackoff(this.backoff, index === undefined || perIndex === undefined ? jobFailures : (perIndex.get(index) ?? 0), this.lastFailure.get(key), now));
    const ready = plan.create.filter((_, i) => waits[i] === 0);
    const later = waits.filter((w) => w > 0);
    if (later.length > 0) this.queue.addAfter(key, Math.min(...later));
    if (ready.length > 0) await this.createPods(key, job, ready, perIndex);
  }

  private async createPods(key: string, job: Job, indexes: (number | undefined)[], perIndex: Map<number, number> | undefined): Promise<void> {
    this.expectations.expectCreations(key, indexes.length);
    const api = this.ctx.client.pods(job.metadata?.namespace);
    const results = await Promise.allSettled(
      indexes.map(async (index) => {
        try {
          const failures = perIndex === undefined || index === undefined ? undefined : (perIndex.get(index) ?? 0);
          const pod = await api.create(podForJob(job, index, failures));
          this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
        } catch (error) {
          this.expectations.creationObserved(key);
          this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(error as Error).message}`);
          throw error;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /**
   * Deletes pods. Those stopped because the Job finished count as failed, as upstream's;
   * surplus and suspended ones do not.
   */
  private async deletePods(key: string, job: Job, pods: Pod[], countAsFailed = false): Promise<void> {
    if (pods.length === 0) return;
    this.expectations.expectDeletions(key, pods.map(objectKey));
    const api = this.ctx.client.pods(job.metadata?.namespace);
    if (!countAsFailed) for (const pod of pods) this.deletedByUs.add(pod.metadata?.uid ?? '');
    await Promise.all(
      pods.map(async (pod) => {
        try {
          await api.delete(pod.metadata?.name ?? '');
          this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name ?? ''}`);
        } catch (error) {
          this.expectations.deletionObserved(key, objectKey(pod));
          if (!isNotFound(error)) throw error;
        }
      }),
    );
  }

  /** Removes the job-tracking finalizer (a JSON patch guarded by the pod's uid). */
  private async removeFinalizers(pods: Pod[]): Promise<void> {
    await Promise.all(
      pods.map(async (pod) => {
        const uid = pod.metadata?.uid ?? '';
        const finalizers = (pod.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        try {
          await this.ctx.client.pods(pod.metadata?.namespace).patch(pod.metadata?.name ?? '', 'merge', { metadata: { uid, finalizers } });
          this.finalizerRemoved.add(uid);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }),
    );
  }

  private async canAdopt(job: Job): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.resource<Job>(JOBS).namespace(job.metadata?.namespace ?? '').get(job.metadata?.name ?? '');
      return fresh.metadata?.uid === job.metadata?.uid && fresh.metadata?.deletionTimestamp === undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Writes `status` when it differs from the Job's; returns the Job as the server now has it. */
  private async writeStatus(job: Job, status: JobStatus): Promise<Job> {
    if (canonicalJson(job.status ?? {}) === canonicalJson(status)) return job;
    const api = this.ctx.client.resource<Job>(JOBS).namespace(job.metadata?.namespace ?? '');
    try {
      return await api.updateStatus({ ...job, status });
    } catch (error) {
      // A conflict means the cache was behind: the next sync starts from the newer Job.
      if (isConflict(error)) this.queue.add(objectKey(job));
      throw error;
    }
  }
}

function selectorOf(job: Job): LabelSelector | undefined {
  try {
    return labelSelectorFromObject(job.spec?.selector);
  } catch {
    return undefined;
  }
}
