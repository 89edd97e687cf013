// What the controller knows about each node's liveness (upstream's nodeHealthData): when
// it last saw a sign of life — a changed Ready condition or a renewed Lease — by its own
// clock, so that clock skew between kubelet and controller does not matter.

import { formatTime } from '../../machinery/time.js';
import type { Lease, Node } from '../../client/index.js';

export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const NODE_STATUS_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const STOPPED_POSTING_MESSAGE = 'Kubelet stopped posting node status.';
export const NEVER_POSTED_MESSAGE = 'Kubelet never posted node status.';

/** The conditions a silent node has set to Unknown (upstream: Ready and the pressure conditions). */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

interface HealthRecord {
  probeTime: number;
  readyFingerprint: string;
  leaseRenewTime: string | undefined;
}

export function readyCondition(node: Node | undefined): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready');
}

function fingerprint(node: Node): string {
  const ready = readyCondition(node);
  return ready === undefined ? '' : JSON.stringify([ready.status, ready['lastHeartbeatTime'], ready['lastTransitionTime']]);
}

/**
 * Per-node probe times.
 * Contract: observe() moves a node's probe time to `now` when its Ready condition or its
 * Lease renewTime differs from what was last seen; remember() records a status the
 * controller wrote itself without counting it as a sign of life.
 */
export class NodeHealth {
  private readonly records = new Map<string, HealthRecord>();

  /** Updates the record of `node` and returns how long (ms) it has been silent. */
  observe(node: Node, lease: Lease | undefined, now: number): number {
    const name = node.metadata?.name ?? '';
    const ready = fingerprint(node);
    const renew = lease?.spec?.renewTime;
    const record = this.records.get(name);
    if (record === undefined) {
      this.records.set(name, { probeTime: now, readyFingerprint: ready, leaseRenewTime: renew });
      return 0;
    }
    if (record.readyFingerprint !== ready || (renew !== undefined && record.leaseRenewTime !== renew)) record.probeTime = now;
    record.readyFingerprint = ready;
    record.leaseRenewTime = renew;
    return now - record.probeTime;
  }

  remember(node: Node): void {
    const record = this.records.get(node.metadata?.name ?? '');
    if (record !== undefined) record.readyFingerprint = fingerprint(node);
  }

  /** Restarts every node's grace period (after the controller's own view was in doubt). */
  resetAll(now: number): void {
    for (const record of this.records.values()) record.probeTime = now;
  }

  forget(name: string): void {
    this.records.delete(name);
  }
}

/**
 * The status of a node that has been silent too long: Ready and the pressure conditions
 * Unknown (upstream's reasons and messages), lastTransitionTime now where the status
 * changes; undefined when they already are Unknown.
 */
export function unknownStatus(node: Node, now: number): Node['status'] | undefined {
  const conditions = [...(node.status?.conditions ?? [])];
  const stamp = formatTime(now);
  let changed = false;
  for (const type of MONITORED_CONDITIONS) {
    const index = conditions.findIndex((c) => c.type === type);
    const current = conditions[index];
    if (current === undefined) {
      conditions.push({ type, status: 'Unknown', reason: NODE_STATUS_NEVER_UPDATED, message: NEVER_POSTED_MESSAGE, lastHeartbeatTime: stamp, lastTransitionTime: stamp });
      changed = true;
    } else if (current.status !== 'Unknown') {
      conditions[index] = { ...current, status: 'Unknown', reason: NODE_STATUS_UNKNOWN, message: STOPPED_POSTING_MESSAGE, lastTransitionTime: stamp };
      changed = true;
    }
  }
  return changed ? { ...node.status, conditions } : undefined;
}
