// Time as an injected dependency (STYLE.md, habit 2): every timer in the client — rate
// limiters, back-off, watch timeouts, work-queue delays, lease renewal, event
// aggregation — goes through a Clock, so that tests drive time with a FakeClock instead
// of sleeping.

/** An opaque handle of a scheduled callback. */
export interface Timer {
  readonly __timer: unique symbol;
}

/**
 * A source of time and timers.
 * Contract: `now()` never decreases; a timer's callback runs at most once, never before
 * `now()` has reached its due time, and never after `clearTimeout`.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once, `ms` (≥ 0) from now. */
  setTimeout(callback: () => void, ms: number): Timer;
  /** Cancels a timer; a timer that already ran or was cleared is ignored. */
  clearTimeout(timer: Timer): void;
  /**
   * Resolves after `ms`: true when the time passed, false as soon as `signal` aborts
   * (immediately when it is already aborted). Leaves no timer behind either way.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

function sleepWith(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimeout(callback: () => void, ms: number): Timer {
    return setTimeout(callback, Math.max(0, ms)) as unknown as Timer;
  }
  clearTimeout(timer: Timer): void {
    clearTimeout(timer as unknown as NodeJS.Timeout);
  }
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return sleepWith(this, ms, signal);
  }
}

/** The wall clock and Node's timers. */
export const realClock: Clock = new RealClock();

interface FakeTimer {
  readonly due: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told to. `advance(ms)` runs the timers that fall due, in
 * order of due time (then of creation), setting `now()` to each one's due time before it
 * runs and letting promise continuations settle after each, so that async code driven by
 * timers (sleep, then a request, then another sleep) proceeds as it would in real time.
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const seq = ++this.seq;
    this.timers.set(seq, { due: this.current + Math.max(0, ms), seq, callback });
    return seq as unknown as Timer;
  }

  clearTimeout(timer: Timer): void {
    this.timers.delete(timer as unknown as number);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return sleepWith(this, ms, signal);
  }

  /** Number of timers not yet run or cleared. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let next = this.earliest(target); next !== undefined; next = this.earliest(target)) {
      this.timers.delete(next.seq);
      this.current = Math.max(this.current, next.due);
      next.callback();
      await settle();
    }
    this.current = Math.max(this.current, target);
  }

  private earliest(limit: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.due > limit) continue;
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

/** Lets pending promise continuations (and what they start synchronously) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
