// Leader election (client-go's tools/leaderelection). Candidates race to write their
// identity into one lock; the holder renews it every retry period, others wait until it
// has gone unrenewed for a full lease duration — measured on their own clock from when
// they last saw it change, so clocks need not agree.
//
// States:  acquiring ──(won)──▶ leading ──(renewal failed for renewDeadline, or stop())──▶ released ──▶ stopped
//              └──────────────────────(stop())───────────────────────────────────────────────────────▲
// Leading ends when renewal has failed for `renewDeadline` (< lease duration, so the
// leader notices before anyone else may take over) or when stop() is called; on stop the
// lease is released (holder '' and a 1 s duration) so that a successor takes over at its
// next retry instead of waiting out the lease.

import { realClock, type Clock, type Timer } from '../clock.js';
import { isNotFound } from '../../machinery/errors.js';
import { stderrLogger, type Logger } from '../logger.js';
import type { LeaderElectionRecord, ResourceLock } from './lock.js';

export interface LeaderCallbacks {
  /** Called on becoming leader; `signal` aborts when leadership ends. Errors are logged. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called when run() ends, whether or not this candidate ever led (as upstream). */
  onStoppedLeading(): void;
  /** Called when the observed leader changes, including the first one observed. */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  readonly lock: ResourceLock;
  readonly callbacks: LeaderCallbacks;
  /** How long a lease is valid without renewal; default 15 s. */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps retrying a failing renewal before giving up; default 10 s. */
  readonly renewDeadlineMs?: number;
  /** Pause between attempts; default 2 s. */
  readonly retryPeriodMs?: number;
  /** Release the lease when stopped; default true. */
  readonly releaseOnCancel?: boolean;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly random?: () => number;
}

/** Thrown when the timings cannot work: lease > renew deadline > 1.2 × retry period > 0. */
export class LeaderElectionConfigError extends Error {
  constructor(message: string) {
    super(`leader election: ${message}`);
    this.name = 'LeaderElectionConfigError';
  }
}

/** Upstream's JitterFactor for the acquire loop. */
const JITTER_FACTOR = 1.2;

export type ElectorState = 'idle' | 'acquiring' | 'leading' | 'stopped';

/**
 * One candidate.
 * Contract: while `isLeader()` is true, no other candidate using the same lock and
 * timings has succeeded in writing the lock since this one last renewed it; run()
 * resolves after onStoppedLeading; stop() resolves after run() and leaves no timer.
 */
export class LeaderElector {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly stopping = new AbortController();
  private observed: LeaderElectionRecord | undefined;
  private observedRaw = '';
  private observedTime = 0;
  private reportedLeader = '';
  private running: Promise<void> | undefined;
  private current: ElectorState = 'idle';

  constructor(private readonly config: LeaderElectionConfig) {
    this.clock = config.clock ?? realClock;
    this.logger = config.logger ?? stderrLogger;
    this.leaseDurationMs = config.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = config.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = config.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new LeaderElectionConfigError('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs) throw new LeaderElectionConfigError('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (this.retryPeriodMs <= 0) throw new LeaderElectionConfigError('retryPeriod must be greater than zero');
  }

  get state(): ElectorState {
    return this.current;
  }

  /** Whether the last observed holder is this candidate. */
  isLeader(): boolean {
    return this.observed !== undefined && this.observed.holderIdentity === this.config.lock.identity;
  }

  /** The last observed holder ('' when none). */
  getLeader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  /** Campaigns, leads while it can, and resolves when done. Call once. */
  run(): Promise<void> {
    this.running ??= this.campaign();
    return this.running;
  }

  /** Stops campaigning or leading (releasing the lease) and waits for run() to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.current = 'stopped';
  }

  private async campaign(): Promise<void> {
    try {
      this.current = 'acquiring';
      if (!(await this.acquire())) return;
      this.current = 'leading';
      const leading = new AbortController();
      this.startLeading(leading.signal);
      await this.renew();
      leading.abort();
      if (this.config.releaseOnCancel ?? true) await this.release();
    } finally {
      this.current = 'stopped';
      this.safely('onStoppedLeading', () => this.config.callbacks.onStoppedLeading());
    }
  }

  private startLeading(signal: AbortSignal): void {
    try {
      const result = this.config.callbacks.onStartedLeading(signal);
      if (result instanceof Promise) result.catch((error: unknown) => this.logger.error('onStartedLeading failed', { lock: this.config.lock.describe(), error }));
    } catch (error) {
      this.logger.error('onStartedLeading failed', { lock: this.config.lock.describe(), error });
    }
  }

  /** Tries until it wins (true) or is stopped (false), pausing a jittered retry period between tries. */
  private async acquire(): Promise<boolean> {
    const random = this.config.random ?? Math.random;
    while (!this.stopping.signal.aborted) {
      const won = await this.tryAcquireOrRenew(this.stopping.signal);
      this.maybeReportTransition();
      if (won) return true;
      const pause = this.retryPeriodMs * (1 + random() * JITTER_FACTOR);
      if (!(await this.clock.sleep(pause, this.stopping.signal))) return false;
    }
    return false;
  }

  /** Renews every retry period; returns when a renewal round misses its deadline or on stop. */
  private async renew(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const renewed = await this.renewWithinDeadline();
      this.maybeReportTransition();
      if (!renewed) {
        if (!this.stopping.signal.aborted) this.logger.warn('failed to renew lease', { lock: this.config.lock.describe() });
        return;
      }
      if (!(await this.clock.sleep(this.retryPeriodMs, this.stopping.signal))) return;
    }
  }

  /** Retries a renewal every retry period until it succeeds or renewDeadline passes. */
  private async renewWithinDeadline(): Promise<boolean> {
    const deadline = new AbortController();
    const onStop = () => deadline.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const timer: Timer = this.clock.setTimeout(() => deadline.abort(), this.renewDeadlineMs);
    try {
      for (;;) {
        if (await this.tryAcquireOrRenew(deadline.signal)) return true;
        if (!(await this.clock.sleep(this.retryPeriodMs, deadline.signal))) return false;
      }
    } finally {
      this.clock.clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', onStop);
    }
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    const lock = this.config.lock;
    const now = this.clock.now();
    const desired = {
      holderIdentity: lock.identity,
      leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };
    // Fast path: the leader writes over what it last wrote, without reading first.
    if (this.isLeader() && this.isLeaseValid(now)) {
      const record = { ...desired, acquireTime: this.observed!.acquireTime, leaderTransitions: this.observed!.leaderTransitions };
      if (await this.attempt('renew', () => lock.update(record, signal))) {
        this.setObserved(record);
        return true;
      }
    }
    let current: { record: LeaderElectionRecord; raw: string };
    try {
      current = await lock.get(signal);
    } catch (error) {
      if (!isNotFound(error)) {
        this.logger.warn('error retrieving lock', { lock: lock.describe(), error });
        return false;
      }
      if (!(await this.attempt('create', () => lock.create(desired, signal)))) return false;
      this.setObserved(desired);
      return true;
    }
    if (current.raw !== this.observedRaw) {
      this.setObserved(current.record);
      this.observedRaw = current.raw;
    }
    if (current.record.holderIdentity !== '' && this.isLeaseValid(now) && !this.isLeader()) return false;
    const record = this.isLeader()
      ? { ...desired, acquireTime: current.record.acquireTime, leaderTransitions: current.record.leaderTransitions }
      : { ...desired, leaderTransitions: current.record.leaderTransitions + 1 };
    if (!(await this.attempt('update', () => lock.update(record, signal)))) return false;
    this.setObserved(record);
    return true;
  }

  /** Gives the lease up: no holder, a one-second duration, so a successor need not wait. */
  private async release(): Promise<void> {
    if (!this.isLeader()) return;
    const now = this.clock.now();
    const record = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaderTransitions: this.observed!.leaderTransitions };
    if (await this.attempt('release', () => this.config.lock.update(record))) {
      this.setObserved(record);
      return;
    }
    // A renewal cut short by stop() may still have landed, leaving us a stale version of
    // the Lease: read it again, and release it if it is still ours.
    try {
      const current = await this.config.lock.get();
      if (current.record.holderIdentity !== this.config.lock.identity) return;
    } catch {
      return;
    }
    if (await this.attempt('release', () => this.config.lock.update(record))) this.setObserved(record);
  }

  private async attempt(what: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.logger.info(`lock ${what} failed`, { lock: this.config.lock.describe(), error });
      return false;
    }
  }

  private isLeaseValid(now: number): boolean {
    return this.observedTime + (this.observed?.leaseDurationSeconds ?? 0) * 1000 > now;
  }

  private setObserved(record: LeaderElectionRecord): void {
    this.observed = record;
    this.observedTime = this.clock.now();
  }

  private maybeReportTransition(): void {
    const holder = this.observed?.holderIdentity ?? '';
    if (holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    const onNewLeader = this.config.callbacks.onNewLeader;
    if (onNewLeader !== undefined) this.safely('onNewLeader', () => onNewLeader(holder));
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error(`${what} failed`, { lock: this.config.lock.describe(), error });
    }
  }
}
