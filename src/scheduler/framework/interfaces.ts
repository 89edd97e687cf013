// The extension points (upstream's framework/interface.go). A plugin implements any subset;
// the framework calls each in the profile's order. Filter and Score run once per node and
// are synchronous (they read the snapshot only); the binding-side points may wait on the API.

import type { Pod } from '../../client/index.js';
import type { EventRegistration } from './cluster-event.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './node-info.js';
import type { Status } from './status.js';

/** What plugins may read beyond their arguments. */
export interface Handle {
  /** The snapshot of this cycle. */
  snapshot(): SnapshotView;
  /** Binds a pod through the API (DefaultBinder uses it); `annotations` go onto the pod with the binding. */
  bind(pod: Pod, nodeName: string, annotations?: Record<string, string>): Promise<void>;
}

export interface SnapshotView {
  nodes(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** How many nodes report the image (normalized name) in `status.images`. */
  nodesWithImage(image: string): number;
  /** The nodes with at least one pod that has pod affinity or anti-affinity. */
  nodesWithPodAffinity(): readonly NodeInfo[];
  /** The nodes with at least one pod that has required pod anti-affinity. */
  nodesWithRequiredAntiAffinity(): readonly NodeInfo[];
}

export interface Plugin {
  readonly name: string;
  /**
   * The cluster events that may make a pod this plugin rejected schedulable (upstream's
   * EventsToRegister, with optional hints); undefined means every event.
   */
  readonly events?: readonly EventRegistration[];
}

/** Decides whether a pod may enter activeQ at all (scheduling gates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status;
}

/** Orders activeQ: true when `a` must be tried before `b`. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface QueuedPodInfo {
  pod: Pod;
  /** When the pod was first added to the queue (ms). */
  readonly initialTimestamp: number;
  /** When the pod was last added to activeQ (ms). */
  timestamp: number;
  attempts: number;
  /** Gated by a PreEnqueue plugin: it waits for an update of itself, not cluster events. */
  gated: boolean;
  /** The plugins that rejected the pod in its last attempt; empty or unset: any event may help. */
  unschedulablePlugins?: ReadonlySet<string>;
}

/** Nodes a PreFilter plugin narrowed the search to; undefined means all. */
export interface PreFilterResult {
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult };
  /**
   * For plugins whose PreFilter state counts other pods: keep it true when a pod is
   * added to or removed from `node` in a what-if (preemption's victims, nominated pods).
   * Called on a clone of the cycle state (upstream's PreFilterExtensions).
   */
  readonly extensions?: PreFilterExtensions;
}

export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: Pod, added: Pod, node: NodeInfo): Status;
  removePod(state: CycleState, podToSchedule: Pod, removed: Pod, node: NodeInfo): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status;
}

/** A verdict per node that failed Filter. */
export type NodeToStatus = Map<string, Status>;

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, statuses: NodeToStatus): { status: Status; nominatedNodeName?: string };
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  readonly name: string;
  score: number;
}

export const MAX_NODE_SCORE = 100;

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, node: NodeInfo): { score: number; status: Status };
  /** Rescales this plugin's scores to [0, MAX_NODE_SCORE] in place. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status;
  /** Undoes reserve; must be idempotent and must not fail. */
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Success, a rejection, or Wait with a timeout (ms) after which the pod is rejected. */
  permit(state: CycleState, pod: Pod, nodeName: string): { status: Status; timeoutMs?: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

export interface BindPlugin extends Plugin {
  /** Skip hands the pod to the next bind plugin. */
  bind(state: CycleState, pod: Pod, nodeName: string): Promise<Status>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: Pod, nodeName: string): void;
}

/** Every extension point a plugin may implement, for the registry's factories. */
export type AnyPlugin = Plugin &
  Partial<
    PreEnqueuePlugin &
      QueueSortPlugin &
      PreFilterPlugin &
      FilterPlugin &
      PostFilterPlugin &
      PreScorePlugin &
      ScorePlugin &
      ReservePlugin &
      PermitPlugin &
      PreBindPlugin &
      BindPlugin &
      PostBindPlugin
  >;

