// The Pod table: READY (ready containers of all, sidecars included), STATUS (one word
// summing up the pod: its phase or reason, refined by init containers, then by the
// containers' waiting or terminated reasons, then by deletion), RESTARTS with the time of
// the last one, AGE; wide: IP, NODE, NOMINATED NODE, READINESS GATES.

import { AGE, NAME, column, wide } from './columns.js';
import { NONE, type ConditionView, type ContainerView, type ObjectView } from './cells.js';
import { humanDuration, since, timeOf } from './duration.js';
import type { PrintableObject, TablePrinter, TableRowCondition } from './table.js';

interface ContainerStateView {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatusView {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateView;
  lastState?: ContainerStateView;
}

interface PodView extends ObjectView {
  spec?: {
    nodeName?: string;
    containers?: ContainerView[];
    initContainers?: ContainerView[];
    readinessGates?: { conditionType?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    podIPs?: { ip?: string }[];
    nominatedNodeName?: string;
    conditions?: ConditionView[];
    initContainerStatuses?: ContainerStatusView[];
    containerStatuses?: ContainerStatusView[];
  };
}

/** The reason the node lifecycle controller gives pods of a node that stopped reporting. */
const NODE_LOST = 'NodeLost';

const isSidecar = (c: ContainerView | undefined): boolean => c?.restartPolicy === 'Always';
const isTerminal = (phase: string): boolean => phase === 'Succeeded' || phase === 'Failed';

/** The running tally of the READY and RESTARTS columns and of the STATUS word. */
interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  /** Milliseconds of the latest termination of a restarted container; 0 when none. */
  lastRestart: number;
}

function lastTermination(status: ContainerStatusView): number {
  return timeOf(status.lastState?.terminated?.finishedAt) ?? 0;
}

/** Walks the init containers up to the first unfinished one; returns whether the pod is still initializing. */
function tallyInitContainers(pod: PodView, tally: Tally, sidecars: Tally): boolean {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = pod.spec?.initContainers?.length ?? 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [i, status] of statuses.entries()) {
    const restartCount = status.restartCount ?? 0;
    tally.restarts += restartCount;
    tally.lastRestart = Math.max(tally.lastRestart, lastTermination(status));
    const sidecar = isSidecar(specs.get(status.name));
    if (sidecar) {
      sidecars.restarts += restartCount;
      sidecars.lastRestart = Math.max(sidecars.lastRestart, lastTermination(status));
    }
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated != null && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && status.started === true) {
      if (status.ready === true) tally.ready++;
      continue;
    }
    if (terminated != null) tally.reason = `Init:${terminatedReason(terminated)}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') tally.reason = `Init:${waiting.reason}`;
    else tally.reason = `Init:${i}/${total}`;
    return true;
  }
  return false;
}

/** A termination's reason, or `Signal:N` / `ExitCode:N` when it gives none. */
function terminatedReason(terminated: NonNullable<ContainerStateView['terminated']>): string {
  if (terminated.reason) return terminated.reason;
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
}

/** Walks the app containers, last to first, so that the first container's reason wins. */
function tallyContainers(pod: PodView, tally: Tally): void {
  let hasRunning = false;
  const statuses = pod.status?.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const status = statuses[i]!;
    tally.restarts += status.restartCount ?? 0;
    tally.lastRestart = Math.max(tally.lastRestart, lastTermination(status));
    const { waiting, terminated, running } = status.state ?? {};
    if (waiting?.reason) tally.reason = waiting.reason;
    else if (terminated != null) tally.reason = terminatedReason(terminated);
    else if (status.ready === true && running != null) {
      hasRunning = true;
      tally.ready++;
    }
  }
  // A pod whose main container completed while another still runs is not done yet.
  if (tally.reason === 'Completed' && hasRunning) {
    tally.reason = conditionIsTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
}

function conditionIsTrue(pod: PodView, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Upstream reads only the first Initialized condition. */
function initializedTrue(pod: PodView): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
}

function statusCells(pod: PodView, now: Date): [string, string, string] {
  const phase = pod.status?.phase ?? '';
  const tally: Tally = { reason: pod.status?.reason || phase, ready: 0, restarts: 0, lastRestart: 0 };
  if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    tally.reason = 'SchedulingGated';
  }
  const sidecars: Tally = { reason: '', ready: 0, restarts: 0, lastRestart: 0 };
  const initializing = tallyInitContainers(pod, tally, sidecars);
  if (!initializing || initializedTrue(pod)) {
    // Once initialized, only sidecars' restarts count among the init containers'.
    tally.restarts = sidecars.restarts;
    tally.lastRestart = sidecars.lastRestart;
    tallyContainers(pod, tally);
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === NODE_LOST) tally.reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !isTerminal(phase)) tally.reason = 'Terminating';

  const sidecarCount = (pod.spec?.initContainers ?? []).filter(isSidecar).length;
  const total = (pod.spec?.containers?.length ?? 0) + sidecarCount;
  let restarts = String(tally.restarts);
  if (tally.restarts !== 0 && tally.lastRestart !== 0) {
    restarts = `${tally.restarts} (${humanDuration(now.getTime() - tally.lastRestart)} ago)`;
  }
  return [`${tally.ready}/${total}`, tally.reason, restarts];
}

function readinessGates(pod: PodView): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return NONE;
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passed}/${gates.length}`;
}

/** podIP is authoritative over podIPs, as upstream's conversion makes it. */
function podIP(pod: PodView): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || NONE;
}

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

export const podPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Ready', 'string', 'Ready containers of all containers, sidecars included.'),
    column('Status', 'string', 'One-word summary of the pod and its containers.'),
    column('Restarts', 'string', 'Container restarts, and how long ago the last one was.'),
    AGE,
    wide('IP', 'string', 'The first IP address of the pod.'),
    wide('Node', 'string', 'The node the pod is bound to.'),
    wide('Nominated Node', 'string', 'The node preemption made room on for the pod.'),
    wide('Readiness Gates', 'string', 'Readiness gates met of all readiness gates.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pod = obj as PodView;
    const [ready, status, restarts] = statusCells(pod, now);
    return [
      pod.metadata?.name ?? '',
      ready,
      status,
      restarts,
      since(pod.metadata?.creationTimestamp, now),
      podIP(pod),
      pod.spec?.nodeName || NONE,
      pod.status?.nominatedNodeName || NONE,
      readinessGates(pod),
    ];
  },
  conditions(obj: PrintableObject): TableRowCondition[] | undefined {
    const phase = (obj as PodView).status?.phase;
    if (phase === 'Succeeded') return SUCCEEDED;
    if (phase === 'Failed') return FAILED;
    return undefined;
  },
};
