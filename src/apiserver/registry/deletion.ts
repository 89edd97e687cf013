// What a DELETE does to an object, decided from the object, the request's options and
// the kind's strategy, as upstream's BeforeDelete and finalizer handling decide it:
// - remove it now: nothing keeps it;
// - mark it: set deletionTimestamp (and deletionGracePeriodSeconds) and keep it, because
//   finalizers keep it, the propagation policy adds one, the kind keeps it (a namespace's
//   spec.finalizers), or the kind deletes gracefully (a bound pod) and the grace period
//   has not run out;
// - leave it: it is already being deleted and the request changes nothing.

import type { Strategy } from '../../api/strategy.js';
import { cloneObject, type KubeObject } from '../object.js';
import { nowTimestamp } from './time.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export type DeletionPlan =
  | { readonly action: 'remove' }
  | { readonly action: 'mark'; readonly object: KubeObject }
  | { readonly action: 'leave' };

export function planDeletion(
  current: KubeObject,
  strategy: Strategy,
  options: { readonly propagationPolicy?: PropagationPolicy; readonly gracePeriodSeconds?: number },
  now: Date = new Date(),
): DeletionPlan {
  const finalizers = finalizersAfterDelete(current, options.propagationPolicy);
  const grace = strategy.gracePeriodSeconds?.(current, options.gracePeriodSeconds) ?? 0;
  const retained = strategy.retainedOnDelete?.(current) ?? false;
  const existing = current.metadata.deletionTimestamp;

  if (grace === 0 && finalizers.length === 0 && !retained) return { action: 'remove' };

  const marked = cloneObject(current);
  marked.metadata.finalizers = finalizers;
  if (finalizers.length === 0) delete marked.metadata.finalizers;
  const previousGrace = current.metadata.deletionGracePeriodSeconds;
  if (existing === undefined || (grace > 0 && (previousGrace === undefined || grace < previousGrace))) {
    // A first delete, or a later one that shortens the grace period.
    marked.metadata.deletionTimestamp = nowTimestamp(new Date(now.getTime() + grace * 1000));
    marked.metadata.deletionGracePeriodSeconds = grace;
    if (existing === undefined && strategy.tracksGeneration) marked.metadata.generation = (marked.metadata.generation ?? 0) + 1;
  }
  strategy.markDeleting?.(marked);
  if (JSON.stringify(marked) === JSON.stringify(current)) return { action: 'leave' };
  return { action: 'mark', object: marked };
}

/** Finalizers an object keeps on delete: its own plus what the propagation policy adds. */
export function finalizersAfterDelete(obj: KubeObject, policy: PropagationPolicy | undefined): string[] {
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  // Upstream records Foreground and Orphan as finalizers for the garbage collector, and
  // only when the object is not already being deleted.
  if (obj.metadata.deletionTimestamp || (policy !== 'Foreground' && policy !== 'Orphan')) return finalizers;
  const [add, drop] = policy === 'Foreground' ? ['foregroundDeletion', 'orphan'] : ['orphan', 'foregroundDeletion'];
  const index = finalizers.indexOf(drop);
  if (index >= 0) finalizers.splice(index, 1);
  if (!finalizers.includes(add)) finalizers.push(add);
  return finalizers;
}

/**
 * Whether an update leaves an object that is being deleted with nothing keeping it (its
 * last finalizer removed): then the update deletes it.
 */
export function updateCompletesDeletion(next: KubeObject, strategy: Strategy): boolean {
  if (!next.metadata.deletionTimestamp) return false;
  if ((next.metadata.finalizers ?? []).length > 0) return false;
  if (strategy.retainedOnDelete?.(next)) return false;
  // A gracefully deleted object waits for its grace period (its node removes it).
  return (next.metadata.deletionGracePeriodSeconds ?? 0) === 0;
}
