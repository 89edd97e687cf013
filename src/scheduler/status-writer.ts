// What the scheduler writes besides bindings' effects: the FailedScheduling event and the
// PodScheduled=False condition (through pods/status, only when it changes), and the
// Binding itself.

import { formatTime } from '../machinery/time.js';
import type { Client, Clock, EventRecorder, Logger, Pod, PodCondition } from '../client/index.js';
import type { Status } from './framework/status.js';
import { podKey } from './framework/types.js';

export interface FailureReporter {
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** POST pods/binding: the API server sets spec.nodeName and PodScheduled=True, and adds the Binding's annotations to the pod. */
export async function bindPod(client: Client, pod: Pod, nodeName: string, annotations?: Record<string, string>): Promise<void> {
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  await client.rest.request({
    method: 'POST',
    path: client.pods(ns).path(name, 'binding'),
    body: {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: annotations === undefined ? { name, namespace: ns, uid: pod.metadata?.uid } : { name, namespace: ns, uid: pod.metadata?.uid, annotations },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    },
    resource: { group: '', resource: 'pods' },
    name,
  });
}

/** Reason of the PodScheduled=False condition for a status (upstream: Unschedulable or SchedulerError). */
export function failureReason(status: Status): string {
  return status.code === 'Error' ? 'SchedulerError' : 'Unschedulable';
}

/** The FailedScheduling event, and the condition (and nominated node, after preemption) when they change. */
export function recordFailure(reporter: FailureReporter, pod: Pod, status: Status, nominatedNodeName?: string): void {
  const message = status.message();
  reporter.recorder.event(pod, 'Warning', 'FailedScheduling', message);
  const condition: PodCondition = { type: 'PodScheduled', status: 'False', reason: failureReason(status), message };
  const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const sameCondition = current !== undefined && current.status === condition.status && current.reason === condition.reason && current.message === condition.message;
  const nominationChanges = nominatedNodeName !== undefined && pod.status?.nominatedNodeName !== nominatedNodeName;
  if (sameCondition && !nominationChanges) return;
  const patch = {
    status: {
      conditions: [{ ...condition, lastProbeTime: null, lastTransitionTime: formatTime(reporter.clock.now()) }],
      ...(nominatedNodeName === undefined ? {} : { nominatedNodeName }),
    },
  };
  reporter.client
    .pods(pod.metadata?.namespace ?? 'default')
    .patch(pod.metadata?.name ?? '', 'strategic', patch, { subresource: 'status' })
    .catch((error: unknown) => reporter.logger.error('cannot update the PodScheduled condition', { pod: podKey(pod), error: String(error) }));
}

/** Removes `pod`'s `status.nominatedNodeName` (upstream's ClearNominatedNodeName); failures are logged. */
export async function clearNominatedNodeName(reporter: FailureReporter, pod: Pod): Promise<void> {
  try {
    await reporter.client.pods(pod.metadata?.namespace ?? 'default').patch(pod.metadata?.name ?? '', 'strategic', { status: { nominatedNodeName: null } }, { subresource: 'status' });
  } catch (error) {
    reporter.logger.error('cannot clear the nominated node', { pod: podKey(pod), error: String(error) });
  }
}

/**
 * Preempts `victim` for `preemptor` (upstream's prepareCandidate): the DisruptionTarget
 * condition first, so its owner can tell why it goes, then a graceful delete and a
 * Preempted event. Failures are logged; the preemptor simply tries again later.
 */
export async function evictVictim(reporter: FailureReporter, victim: Pod, preemptor: Pod, nodeName: string): Promise<void> {
  const ns = victim.metadata?.namespace ?? 'default';
  const name = victim.metadata?.name ?? '';
  const scheduler = (preemptor.spec?.schedulerName as string | undefined) ?? 'default-scheduler';
  const condition = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'PreemptionByScheduler',
    message: `${scheduler}: preempting to accommodate a higher priority pod`,
    lastTransitionTime: formatTime(reporter.clock.now()),
  };
  try {
    await reporter.client.pods(ns).patch(name, 'strategic', { status: { conditions: [condition] } }, { subresource: 'status' });
    await reporter.client.pods(ns).delete(name);
    reporter.recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${nodeName}`);
  } catch (error) {
    reporter.logger.error('cannot preempt a victim', { victim: podKey(victim), preemptor: podKey(preemptor), error: String(error) });
  }
}
