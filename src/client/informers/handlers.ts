// Delivering changes to an informer's handlers. Each call is isolated: a handler that
// throws (or whose promise rejects) is logged with the object's key and the kind of
// change, and neither the other handlers nor the informer notice.

import { objectKey, type KubeObject } from '../../machinery/meta.js';
import type { Logger } from '../logger.js';

/**
 * What the handlers of a delete receive when the informer learnt of the deletion only by
 * relisting: the last state it had, which may be out of date (client-go's
 * DeletedFinalStateUnknown).
 */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

/** The deleted object, whether delivered directly or as a tombstone. */
export function deletedObject<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

/**
 * Reacts to changes in an informer's cache. Handlers run synchronously, after the cache
 * has the change; they must not mutate the objects, and should be quick (enqueue a key).
 */
export interface EventHandler<T> {
  /** `isInInitialList`: the object was in the informer's first list (or the cache when the handler was added). */
  onAdd?(obj: T, isInInitialList: boolean): unknown;
  onUpdate?(oldObj: T, newObj: T): unknown;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): unknown;
}

/** A handler added to an informer. */
export interface HandlerRegistration {
  /** True once the handler has received every object of the informer's initial list. */
  hasSynced(): boolean;
  /** Stops delivering to this handler. */
  remove(): void;
}

export class Listener<T extends KubeObject> implements HandlerRegistration {
  synced = false;

  constructor(
    private readonly handler: EventHandler<T>,
    private readonly logger: Logger,
    readonly remove: () => void,
  ) {}

  hasSynced(): boolean {
    return this.synced;
  }

  add(obj: T, initial: boolean): void {
    if (this.handler.onAdd !== undefined) this.call('add', objectKey(obj), () => this.handler.onAdd!(obj, initial));
  }

  update(oldObj: T, newObj: T): void {
    if (this.handler.onUpdate !== undefined) this.call('update', objectKey(newObj), () => this.handler.onUpdate!(oldObj, newObj));
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    if (this.handler.onDelete === undefined) return;
    const key = obj instanceof DeletedFinalStateUnknown ? obj.key : objectKey(obj);
    this.call('delete', key, () => this.handler.onDelete!(obj));
  }

  private call(change: string, key: string, fn: () => unknown): void {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((error: unknown) => this.failed(change, key, error));
    } catch (error) {
      this.failed(change, key, error);
    }
  }

  private failed(change: string, key: string, error: unknown): void {
    this.logger.error(`event handler failed on ${change}`, { key, error });
  }
}
