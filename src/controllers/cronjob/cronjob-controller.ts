// The CronJob controller (upstream's pkg/controller/cronjob, v2): creates a Job for each
// scheduled time, named `<cronjob>-<minutes since the epoch>`, and keeps the CronJob's
// status and Job history.
//
//   sync(ns/name): owned Jobs ─▶ status.active (finished ones leave; lastSuccessfulTime)
//     ─▶ trim history ─▶ deleting or suspended: stop
//     ─▶ the latest scheduled time since lastScheduleTime (or creation) not yet run
//        none or too late (startingDeadlineSeconds) ─▶ wait for the next one
//        Forbid with active Jobs ─▶ wait │ Replace ─▶ delete the active Jobs
//     ─▶ create the Job ─▶ lastScheduleTime, active ─▶ re-queue at the next scheduled time
//
// Time comes from an injected clock (also the queue's), so a test runs a schedule without waiting.

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import { objectKey, splitNamespacedKey } from '../../machinery/meta.js';
import { formatTime, parseTime } from '../../machinery/time.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, realClock, type Clock, type ObjectReference, type SharedInformer } from '../../client/index.js';
import { canonicalJson } from '../base/canonical-json.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { controllerRef } from '../base/pods.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { JOBS, finishedCondition, type Job } from '../job/types.js';
import { Schedule, formatInZone } from './schedule.js';
import { CRON_JOBS, SCHEDULED_TIMESTAMP_ANNOTATION, type CronJob } from './types.js';

/** Upstream warns when more start times were missed than this, and runs only the latest. */
const TOO_MANY_MISSED = 100;

export interface CronJobControllerOptions {
  /** The clock of schedules and of the queue's delays (default: real). */
  readonly clock?: Clock;
}

type CronStatus = NonNullable<CronJob['status']>;

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  private readonly queue: RateLimitingQueue<string>;
  private readonly cronJobs: SharedInformer<CronJob>;
  private readonly jobs: SharedInformer<Job>;
  private readonly recorder: EventRecorder;
  private readonly clock: Clock;

  constructor(private readonly ctx: ControllerContext, options: CronJobControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.queue = new RateLimitingQueue<string>({ clock: this.clock });
    this.cronJobs = ctx.informers.informerFor<CronJob>(CRON_JOBS);
    this.jobs = ctx.informers.informerFor<Job>(JOBS);
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger });
    this.cronJobs.addEventHandler({
      onAdd: (cj) => this.queue.add(objectKey(cj)),
      onUpdate: (_old, cj) => this.queue.add(objectKey(cj)),
      onDelete: (obj) => this.queue.add(objectKey(deletedObject(obj))),
    });
    const onJob = (job: Job) => {
      const ref = controllerRef(job);
      if (ref?.kind === 'CronJob') this.queue.add(`${job.metadata?.namespace ?? ''}/${ref.name}`);
    };
    this.jobs.addEventHandler({ onAdd: onJob, onUpdate: (_old, job) => onJob(job), onDelete: (obj) => onJob(deletedObject(obj)) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.cronJobs, this.jobs))) return;
    try {
      await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const cj = this.cronJobs.lister.namespace(namespace).get(name);
    if (cj === undefined) return;
    const owned = this.jobs.lister
      .namespace(namespace)
      .list()
      .filter((j) => controllerRef(j)?.uid === cj.metadata?.uid);
    const status: CronStatus = structuredClone(cj.status ?? {});
    this.reconcileActive(cj, owned, status);
    await this.trimHistory(cj, owned);
    if (cj.metadata?.deletionTimestamp === undefined && cj.spec?.suspend !== true) await this.schedule(key, cj, status);
    await this.writeStatus(cj, status);
  }

  /** Active references follow the owned Jobs: finished and vanished ones leave, running ones join. */
  private reconcileActive(cj: CronJob, owned: Job[], status: CronStatus): void {
    const byUid = new Map(owned.map((j) => [j.metadata?.uid ?? '', j]));
    const active = (status.active ?? []).filter((ref) => {
      const job = byUid.get(ref.uid ?? '');
      if (job === undefined) return false;
      const finished = finishedCondition(job);
      if (finished === undefined) return true;
      this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata?.name ?? ''}, condition: ${finished.type}`);
      return false;
    });
    for (const job of owned) {
      const finished = finishedCondition(job);
      if (finished === undefined && !active.some((r) => r.uid === job.metadata?.uid)) active.push(refTo(job));
      const completed = job.status?.completionTime;
      if (finished?.type === 'Complete' && completed !== undefined && (status.lastSuccessfulTime === undefined || parseTime(completed) > parseTime(status.lastSuccessfulTime))) {
        status.lastSuccessfulTime = completed;
      }
    }
    if (active.length > 0) status.active = active;
    else delete status.active;
  }

  private async schedule(key: string, cj: CronJob, status: CronStatus): Promise<void> {
    const spec = cj.spec;
    if (spec === undefined) return;
    let schedule: Schedule;
    try {
      schedule = new Schedule(spec.schedule, spec.timeZone ?? 'UTC');
    } catch (error) {
      const reason = (error as Error).name === 'UnknownTimeZoneError' ? 'UnknownTimeZone' : 'UnparseableSchedule';
      this.recorder.event(cj, 'Warning', reason, (error as Error).message);
      return;
    }
    const now = this.clock.now();
    const due = this.mostRecentMissed(cj, schedule, status, now);
    const next = schedule.next(now);
    if (next !== undefined) this.queue.addAfter(key, next - now + 100);
    if (due === undefined) return;
    const deadline = spec.startingDeadlineSeconds;
    if (deadline !== undefined && due + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatInZone(due, spec.timeZone ?? 'UTC')}`);
      return;
    }
    const policy = spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active?.length ?? 0) > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return;
    }
    if (policy === 'Replace') await this.deleteActive(cj, status);
    const job = await this.createJob(cj, due);
    if (job === undefined) return;
    status.active = [...(status.active ?? []).filter((r) => r.uid !== job.metadata?.uid), refTo(job)];
    status.lastScheduleTime = formatTime(due);
  }

  /** The latest scheduled time in (lastScheduleTime or creation, now], warning when too many were missed. */
  private mostRecentMissed(cj: CronJob, schedule: Schedule, status: CronStatus, now: number): number | undefined {
    const since = status.lastScheduleTime ?? cj.metadata?.creationTimestamp;
    let earliest = since === undefined ? now : parseTime(since);
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
    let latest: number | undefined;
    let missed = 0;
    for (let t = schedule.next(earliest); t !== undefined && t <= now; t = schedule.next(t)) {
      latest = t;
      if (++missed > TOO_MANY_MISSED) {
        this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
        // Skip ahead: only the most recent one runs.
        let last = t;
        for (let u = schedule.next(t); u !== undefined && u <= now; u = schedule.next(u)) last = u;
        return last;
      }
    }
    return latest;
  }

  private async createJob(cj: CronJob, scheduled: number): Promise<Job | undefined> {
    const cronName = cj.metadata?.name ?? '';
    const namespace = cj.metadata?.namespace ?? '';
    const name = `${cronName}-${Math.floor(scheduled / 60_000)}`;
    const template = cj.spec?.jobTemplate ?? {};
    const body: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace,
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(scheduled, cj.spec?.timeZone ?? 'UTC') },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronName, uid: cj.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    const api = this.ctx.client.resource<Job>(JOBS).namespace(namespace);
    try {
      const job = await api.create(body);
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      return job;
    } catch (error) {
      if (!isAlreadyExists(error)) {
        this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(error as Error).message}`);
        throw error;
      }
      // Created by an earlier sync whose status write was lost: ours if it names this CronJob.
      const existing = await api.get(name);
      return controllerRef(existing)?.uid === cj.metadata?.uid ? existing : undefined;
    }
  }

  private async deleteActive(cj: CronJob, status: CronStatus): Promise<void> {
    for (const ref of status.active ?? []) await this.deleteJob(cj, ref.name ?? '');
    delete status.active;
  }

  private async deleteJob(cj: CronJob, name: string): Promise<void> {
    try {
      await this.ctx.client.resource<Job>(JOBS).namespace(cj.metadata?.namespace ?? '').delete(name, { propagationPolicy: 'Background' });
      this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1). */
  private async trimHistory(cj: CronJob, owned: Job[]): Promise<void> {
    const byStart = (a: Job, b: Job) => (a.status?.startTime ?? a.metadata?.creationTimestamp ?? '').localeCompare(b.status?.startTime ?? b.metadata?.creationTimestamp ?? '');
    const finished = (type: string) => owned.filter((j) => finishedCondition(j)?.type === type && j.metadata?.deletionTimestamp === undefined).sort(byStart);
    const limits: [string, number][] = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit ?? 3],
      ['Failed', cj.spec?.failedJobsHistoryLimit ?? 1],
    ];
    for (const [type, limit] of limits) {
      const jobs = finished(type);
      for (const job of jobs.slice(0, Math.max(0, jobs.length - limit))) await this.deleteJob(cj, job.metadata?.name ?? '');
    }
  }

  private async writeStatus(cj: CronJob, status: CronStatus): Promise<void> {
    if (canonicalJson(cj.status ?? {}) === canonicalJson(status)) return;
    try {
      await this.ctx.client.resource<CronJob>(CRON_JOBS).namespace(cj.metadata?.namespace ?? '').updateStatus({ ...cj, status });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function refTo(job: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata?.name, namespace: job.metadata?.namespace, uid: job.metadata?.uid, resourceVersion: job.metadata?.resourceVersion };
}
