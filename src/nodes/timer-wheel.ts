// One timer for thousands of periodic jobs: members are spread over the slots of a wheel
// that turns one slot per tick, and each tick runs the jobs of the members in its slot.
// With a 10 s period and 10 slots, 5,000 nodes cost one timer firing every second that
// renews about 500 leases — instead of 5,000 timers.

import type { Clock, Logger } from '../client/index.js';
import type { Timer } from '../client/clock.js';

/**
 * Calls `job(member)` for every member once per period, members of one slot together.
 * Contract: a member added is first served within one period; one removed is not served
 * again (a job already running finishes); a member's job never runs twice at once — a
 * tick that finds the previous job still running skips that member; stop() resolves
 * once no job is running and no timer is left.
 */
export class TimerWheel<K> {
  private readonly slots: Set<K>[];
  private readonly slotOf = new Map<K, number>();
  private readonly running = new Map<K, Promise<void>>();
  private cursor = 0;
  private nextSlot = 0;
  private timer: Timer | undefined;
  /** When the next tick is due: ticks keep to a fixed schedule while the wheel turns. */
  private nextDue: number | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly periodMs: number,
    slotCount: number,
    private readonly job: (member: K) => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.slots = Array.from({ length: Math.max(1, slotCount) }, () => new Set<K>());
  }

  /** Adds a member to the least recently filled slot (round-robin). */
  add(member: K): void {
    if (this.slotOf.has(member)) return;
    const slot = this.nextSlot;
    this.nextSlot = (this.nextSlot + 1) % this.slots.length;
    this.slots[slot]?.add(member);
    this.slotOf.set(member, slot);
    this.arm();
  }

  remove(member: K): void {
    const slot = this.slotOf.get(member);
    if (slot === undefined) return;
    this.slots[slot]?.delete(member);
    this.slotOf.delete(member);
  }

  has(member: K): boolean {
    return this.slotOf.has(member);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.running.values());
  }

  private tickMs(): number {
    return this.periodMs / this.slots.length;
  }

  private arm(): void {
    if (this.stopped || this.timer !== undefined) return;
    const now = this.clock.now();
    // The time a tick spends starting its jobs (hundreds of requests) is not added to the
    // period: otherwise every member would be served that much later each turn. After a
    // stall of more than a period the schedule starts afresh instead of catching up.
    if (this.nextDue === undefined || now - this.nextDue > this.periodMs) this.nextDue = now + this.tickMs();
    this.timer = this.clock.setTimeout(() => this.tick(), Math.max(0, this.nextDue - now));
  }

  private tick(): void {
    this.timer = undefined;
    this.nextDue = (this.nextDue ?? this.clock.now()) + this.tickMs();
    const slot = this.slots[this.cursor] ?? new Set<K>();
    this.cursor = (this.cursor + 1) % this.slots.length;
    for (const member of slot) this.run(member);
    // Idle wheels stop turning: no timer while there is nobody to serve.
    if (this.slotOf.size > 0) this.arm();
    else this.nextDue = undefined;
  }

  private run(member: K): void {
    if (this.running.has(member)) return;
    const done = this.job(member)
      .catch((error: unknown) => this.logger.error('periodic job failed', { member: String(member), error }))
      .finally(() => this.running.delete(member));
    this.running.set(member, done);
  }
}
