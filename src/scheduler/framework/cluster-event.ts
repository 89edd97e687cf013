// Cluster events and plugins' interest in them (upstream's ClusterEvent and
// EventsToRegister): an unschedulable pod goes back to the queue on an event only if a
// plugin that rejected it registered for that event's resource and action. A plugin that
// registers nothing is interested in every event, as upstream treats plugins without
// EnqueueExtensions.

/** What happened. The Update* actions are the parts of a Node update a plugin may care about. */
export type ActionType = 'Add' | 'Delete' | 'Update' | 'UpdateNodeLabel' | 'UpdateNodeTaint' | 'UpdateNodeAllocatable' | 'UpdateNodeCondition' | 'All';

export interface ClusterEvent {
  /** The API resource: `nodes`, `pods` (assigned pods), `persistentvolumeclaims`, … */
  readonly resource: string;
  readonly action: ActionType;
}

/** Whether a registration covers an event: same resource (or `*`), same action, or Update/All covering the finer ones. */
export function covers(registered: ClusterEvent, event: ClusterEvent): boolean {
  if (registered.resource !== '*' && registered.resource !== event.resource) return false;
  if (registered.action === 'All' || registered.action === event.action) return true;
  return registered.action === 'Update' && event.action.startsWith('Update');
}

/** Shorthand for plugin registrations: `on('nodes', 'Add', 'UpdateNodeLabel')`. */
export function on(resource: string, ...actions: ActionType[]): ClusterEvent[] {
  return actions.map((action) => ({ resource, action }));
}
