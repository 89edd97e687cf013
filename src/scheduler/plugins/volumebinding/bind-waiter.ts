// PreBind of VolumeBinding waits until the persistentvolume binder has bound every claim of
// the pod. Claim changes arrive from the informer (notify); a waiter resolves when its test
// passes on the latest claim and fails after its timeout, so PreBind is bounded.

import type { Clock } from '../../../client/index.js';
import type { Timer } from '../../../client/clock.js';
import type { PersistentVolumeClaim } from './types.js';

/** Thrown when the claims of a pod were not bound within the bind timeout. */
export class BindTimeoutError extends Error {
  constructor(readonly claims: readonly string[]) {
    super(`binding volumes: timed out waiting for the condition (claims not bound: ${claims.join(', ')})`);
    this.name = 'BindTimeoutError';
  }
}

interface Waiter {
  readonly pending: Set<string>;
  readonly done: (cause?: Error) => void;
}

const keyOf = (claim: PersistentVolumeClaim): string => `${claim.metadata?.namespace ?? ''}/${claim.metadata?.name ?? ''}`;

/** Contract: `wait` resolves once `ready` held for every key's latest claim, rejects after `timeoutMs`. */
export class BindWaiter {
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly clock: Clock,
    private readonly ready: (claim: PersistentVolumeClaim) => boolean,
  ) {}

  /** A claim was added or changed. */
  notify(claim: PersistentVolumeClaim): void {
    if (!this.ready(claim)) return;
    const key = keyOf(claim);
    for (const w of [...this.waiters]) {
      if (w.pending.delete(key) && w.pending.size === 0) w.done();
    }
  }

  /** Waits for the claims `current` holds (keyed `ns/name`), checking their present state first. */
  wait(current: readonly PersistentVolumeClaim[], timeoutMs: number): Promise<void> {
    const pending = new Set(current.filter((c) => !this.ready(c)).map(keyOf));
    if (pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: Timer | undefined = undefined;
      const waiter: Waiter = {
        pending,
        done: (cause) => {
          this.waiters.delete(waiter);
          if (timer !== undefined) this.clock.clearTimeout(timer);
          if (cause === undefined) resolve();
          else reject(cause);
        },
      };
      this.waiters.add(waiter);
      timer = this.clock.setTimeout(() => waiter.done(new BindTimeoutError([...pending].sort())), timeoutMs);
    });
  }
}
