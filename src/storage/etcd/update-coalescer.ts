// Concurrent updates of one key that expect the same revision: at most one of them can
// succeed, since the first one etcd applies moves the key's modRevision past the
// expected one for good. So only the first is sent; the others wait for its outcome:
// - it succeeded: they fail with ConflictError carrying the value it wrote;
// - it failed with ConflictError or KeyNotFoundError: they fail the same way;
// - it failed otherwise (etcd unavailable, …): each is sent on its own.
// Under contention on a hot key (a counter, a lease) this turns N transactions that go
// through raft and fsync into one, with the same results the N would have had.
import { ConflictError, KeyNotFoundError } from '../errors.js';
import type { StoredValue } from '../store.js';

export class UpdateCoalescer {
  private readonly inFlight = new Map<string, Promise<StoredValue>>();

  async update(key: string, expectedRevision: number, send: () => Promise<StoredValue>): Promise<StoredValue> {
    const id = `${expectedRevision} ${key}`;
    const first = this.inFlight.get(id);
    if (first) {
      const outcome = await first.then(
        (written) => ({ written }),
        (error: unknown) => ({ error }),
      );
      if ('written' in outcome) {
        const { value, createRevision, modRevision } = outcome.written;
        throw new ConflictError(key, expectedRevision, { value, createRevision, modRevision });
      }
      if (outcome.error instanceof ConflictError) throw new ConflictError(key, expectedRevision, outcome.error.current);
      if (outcome.error instanceof KeyNotFoundError) throw new KeyNotFoundError(key);
      return send();
    }
    const sent = send();
    this.inFlight.set(id, sent);
    try {
      return await sent;
    } finally {
      if (this.inFlight.get(id) === sent) this.inFlight.delete(id);
    }
  }
}
