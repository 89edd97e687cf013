// Cluster events and plugins' interest in them (upstream's ClusterEvent and
// EventsToRegister): an unschedulable pod goes back to the queue on an event only if a
// plugin that rejected it registered for that event's resource and action. A plugin that
// registers nothing is interested in every event, as upstream treats plugins without
// EnqueueExtensions. A registration may carry a hint (upstream's QueueingHintFn) that
// looks at the changed object and says whether it can help this pod at all.

import type { Node, Pod } from '../../client/index.js';
import { CycleState } from './cycle-state.js';
import { NodeInfo } from './node-info.js';
import type { Status } from './status.js';

/** What happened. The Update* actions are the parts of a Node or an assigned Pod update a plugin may care about. */
export type ActionType = 'Add' | 'Delete' | 'Update' | 'UpdateNodeLabel' | 'UpdateNodeTaint' | 'UpdateNodeAllocatable' | 'UpdateNodeCondition' | 'UpdatePodLabel' | 'All';

export interface ClusterEvent {
  /** The API resource: `nodes`, `pods` (assigned pods), `persistentvolumeclaims`, … */
  readonly resource: string;
  readonly action: ActionType;
}

/** Whether the change (`oldObj` → `newObj`; either undefined for an add or a delete) may help `pod`. */
export type QueueingHint = (pod: Pod, oldObj: unknown, newObj: unknown) => boolean;

/** A plugin's interest in an event, narrowed by a hint when it has one. */
export interface EventRegistration extends ClusterEvent {
  readonly hint?: QueueingHint;
}

/** Whether a registration covers an event: same resource (or `*`), same action, or Update/All covering the finer ones. */
export function covers(registered: ClusterEvent, event: ClusterEvent): boolean {
  if (registered.resource !== '*' && registered.resource !== event.resource) return false;
  if (registered.action === 'All' || registered.action === event.action) return true;
  return registered.action === 'Update' && event.action.startsWith('Update');
}

/** Shorthand for plugin registrations: `on('nodes', 'Add', 'UpdateNodeLabel')`. */
export function on(resource: string, ...actions: ActionType[]): EventRegistration[] {
  return actions.map((action) => ({ resource, action }));
}

/** The registrations, each narrowed by `hint`. */
export function hinted(hint: QueueingHint, registrations: readonly EventRegistration[]): EventRegistration[] {
  return registrations.map((r) => ({ ...r, hint }));
}

/**
 * A hint for node events from a plugin's own stateless Filter: the new node, empty, would
 * pass it. (A deleted node helps nobody through these plugins.)
 */
export function nodeFilterHint(filter: (state: CycleState, pod: Pod, node: NodeInfo) => Status): QueueingHint {
  return (pod, _old, node) => node !== undefined && filter(new CycleState(), pod, new NodeInfo(node as Node)).isSuccess();
}
