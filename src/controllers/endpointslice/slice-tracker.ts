// Remembers the slice writes of a sync until the informer has shown them (upstream's
// endpointSliceTracker): a sync on a cache that does not yet hold a slice it just created
// would create a second one.

import type { KubeObject } from '../../machinery/meta.js';

/** Per Service key: slice name ─▶ the resourceVersion we wrote, or 'deleted'. */
export class SliceTracker {
  private readonly writes = new Map<string, Map<string, number | 'deleted'>>();

  wrote(serviceKey: string, slice: KubeObject): void {
    this.entry(serviceKey).set(slice.metadata?.name ?? '', Number(slice.metadata?.resourceVersion ?? '0'));
  }

  deleted(serviceKey: string, name: string): void {
    this.entry(serviceKey).set(name, 'deleted');
  }

  forget(serviceKey: string): void {
    this.writes.delete(serviceKey);
  }

  /**
   * Whether `cached` (the informer's slices of the Service) reflects every write recorded
   * for it; once it does, the record is dropped.
   */
  caughtUp(serviceKey: string, cached: readonly KubeObject[]): boolean {
    const writes = this.writes.get(serviceKey);
    if (writes === undefined) return true;
    const byName = new Map(cached.map((s) => [s.metadata?.name ?? '', Number(s.metadata?.resourceVersion ?? '0')]));
    for (const [name, rv] of writes) {
      const seen = byName.get(name);
      if (rv === 'deleted' ? seen !== undefined : seen === undefined || seen < rv) return false;
    }
    this.writes.delete(serviceKey);
    return true;
  }

  private entry(serviceKey: string): Map<string, number | 'deleted'> {
    let entry = this.writes.get(serviceKey);
    if (entry === undefined) this.writes.set(serviceKey, (entry = new Map()));
    return entry;
  }
}
