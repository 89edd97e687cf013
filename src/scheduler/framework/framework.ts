// One profile's plugins, per extension point, and how they are run (upstream's
// frameworkImpl): in order, the first non-success verdict wins at Filter, scores are
// normalized and weighted per plugin, reserve failures unreserve in reverse order.

import type { Pod } from '../../client/index.js';
import { covers, type ClusterEvent, type EventRegistration } from './cluster-event.js';
import { CycleState } from './cycle-state.js';
import type {
  PreFilterExtensions,
  BindPlugin,
  FilterPlugin,
  NodeScore,
  NodeToStatus,
  PermitPlugin,
  PostBindPlugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
} from './interfaces.js';
import { podEntry, type NodeInfo } from './node-info.js';
import { podKey, podPriority } from './types.js';
import { Status } from './status.js';
import { VerdictRecorder } from './verdicts.js';
import { MAX_PERMIT_TIMEOUT_MS } from './waiting-pods.js';

const NO_WAITS: ReadonlyMap<string, number> = new Map();

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** The plugins of one profile, in execution order per extension point. */
export interface ProfilePlugins {
  preEnqueue: PreEnqueuePlugin[];
  queueSort: QueueSortPlugin | undefined;
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  reserve: ReservePlugin[];
  permit: PermitPlugin[];
  preBind: PreBindPlugin[];
  bind: BindPlugin[];
  postBind: PostBindPlugin[];
}

export interface PreFilterOutcome {
  readonly status: Status;
  /** Nodes PreFilter narrowed the search to; undefined means every node. */
  readonly nodeNames?: Set<string>;
}

/** Contract: plugins should not throw; a throw becomes an Error status naming the plugin. */
export class Framework {
  /** Per plugin that can reject a pod: the events it registered (undefined: all). */
  private readonly interests = new Map<string, readonly EventRegistration[] | undefined>();

  constructor(
    readonly schedulerName: string,
    readonly plugins: ProfilePlugins,
    readonly percentageOfNodesToScore: number | undefined,
    /** Record Filter verdicts and Scores per pod (framework/verdicts.ts). */
    readonly recordVerdicts = false,
  ) {
    const { preEnqueue, preFilter, filter, reserve, permit, preBind } = plugins;
    for (const p of [...preEnqueue, ...preFilter, ...filter, ...reserve, ...permit, ...preBind]) this.interests.set(p.name, p.events);
  }

  /**
   * Whether `event` (the object going from `oldObj` to `newObj`) may help `pod`, which the
   * `rejectedBy` plugins turned away (no plugins named: yes). A hint that throws says yes.
   */
  interested(pod: Pod, rejectedBy: ReadonlySet<string>, event: ClusterEvent, oldObj?: unknown, newObj?: unknown): boolean {
    if (rejectedBy.size === 0) return true;
    const helps = (r: EventRegistration): boolean => {
      if (!covers(r, event)) return false;
      if (r.hint === undefined) return true;
      try {
        return r.hint(pod, oldObj, newObj);
      } catch {
        return true;
      }
    };
    for (const name of rejectedBy) {
      const events = this.interests.get(name);
      if (events === undefined || events.some(helps)) return true;
    }
    return false;
  }

  newCycleState(): CycleState {
    const state = new CycleState();
    if (this.recordVerdicts) state.verdicts = new VerdictRecorder();
    return state;
  }

  runPreEnqueue(pod: Pod): Status {
    for (const p of this.plugins.preEnqueue) {
      const status = guard(p.name, () => p.preEnqueue(pod));
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.success();
  }

  runPreFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    for (const p of this.plugins.preFilter) {
      let narrowed: ReadonlySet<string> | undefined;
      const status = guard(p.name, () => {
        const out = p.preFilter(state, pod, nodes);
        narrowed = out.result?.nodeNames;
        return out.status;
      });
      if (status.code === 'Skip') {
        state.skipFilter.add(p.name);
        continue;
      }
      if (!status.isSuccess()) return { status: status.withPlugin(p.name) };
      if (narrowed !== undefined) nodeNames = nodeNames === undefined ? new Set(narrowed) : new Set([...nodeNames].filter((n) => narrowed!.has(n)));
    }
    return nodeNames === undefined ? { status: Status.success() } : { status: Status.success(), nodeNames };
  }

  /** Tells the PreFilter plugins that `added` is now on `node` (in `state`, a what-if clone). */
  runPreFilterAddPod(state: CycleState, pod: Pod, added: Pod, node: NodeInfo): Status {
    return this.runPreFilterExtension(state, (ext) => ext.addPod(state, pod, added, node));
  }

  /** Tells the PreFilter plugins that `removed` is no longer on `node`. */
  runPreFilterRemovePod(state: CycleState, pod: Pod, removed: Pod, node: NodeInfo): Status {
    return this.runPreFilterExtension(state, (ext) => ext.removePod(state, pod, removed, node));
  }

  private runPreFilterExtension(state: CycleState, call: (ext: PreFilterExtensions) => Status): Status {
    for (const p of this.plugins.preFilter) {
      if (p.extensions === undefined || state.skipFilter.has(p.name)) continue;
      const extensions = p.extensions;
      const status = guard(p.name, () => call(extensions));
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.success();
  }

  runFilters(state: CycleState, pod: Pod, node: NodeInfo): Status {
    // The hottest loop of the scheduler (nodes × plugins): no closure per call.
    let current = '';
    try {
      for (const p of this.plugins.filter) {
        if (state.skipFilter.has(p.name)) continue;
        current = p.name;
        const status = p.filter(state, pod, node);
        state.verdicts?.filter(node.name(), p.name, status);
        if (!status.isSuccess()) return status.withPlugin(p.name);
      }
    } catch (error) {
      return thrown(current, error);
    }
    return Status.success();
  }

  /**
   * Filter as if the pods nominated to `node` with at least the pod's priority were
   * already there (so preemptors keep the room they made), and as it is (upstream's
   * RunFilterPluginsWithNominatedPods).
   */
  runFiltersWithNominated(state: CycleState, pod: Pod, node: NodeInfo, nominated: readonly Pod[]): Status {
    if (nominated.length === 0) return this.runFilters(state, pod, node);
    const key = podKey(pod);
    const ahead = nominated.filter((p) => podKey(p) !== key && podPriority(p) >= podPriority(pod));
    if (ahead.length > 0) {
      const withNominated = node.clone();
      const stateWithNominated = state.clone();
      for (const p of ahead) {
        withNominated.addPod(podEntry(p));
        const added = this.runPreFilterAddPod(stateWithNominated, pod, p, withNominated);
        if (!added.isSuccess()) return added;
      }
      const status = this.runFilters(stateWithNominated, pod, withNominated);
      if (!status.isSuccess()) return status;
    }
    return this.runFilters(state, pod, node);
  }

  runPostFilter(state: CycleState, pod: Pod, statuses: NodeToStatus): { status: Status; nominatedNodeName?: string } {
    let last: { status: Status; nominatedNodeName?: string } = { status: Status.unschedulable() };
    for (const p of this.plugins.postFilter) {
      let out: { status: Status; nominatedNodeName?: string } = { status: Status.success() };
      const status = guard(p.name, () => (out = p.postFilter(state, pod, statuses)).status);
      if (status.isSuccess() || status.code === 'Error') return { ...out, status: status.withPlugin(p.name) };
      last = { ...out, status: status.withPlugin(p.name) };
    }
    return last;
  }

  runPreScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const p of this.plugins.preScore) {
      const status = guard(p.name, () => p.preScore(state, pod, nodes));
      if (status.code === 'Skip') {
        state.skipScore.add(p.name);
        continue;
      }
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.success();
  }

  /** Total weighted score per node (same order as `nodes`), or an Error status. */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { totals: number[]; status: Status } {
    const totals = new Array<number>(nodes.length).fill(0);
    for (const { plugin, weight } of this.plugins.score) {
      if (state.skipScore.has(plugin.name)) continue;
      const scores: NodeScore[] = new Array<NodeScore>(nodes.length);
      try {
        for (let i = 0; i < nodes.length; i++) {
          const out = plugin.score(state, pod, nodes[i]!);
          if (!out.status.isSuccess()) return { totals, status: out.status.withPlugin(plugin.name) };
          scores[i] = { name: nodes[i]!.name(), score: out.score };
        }
      } catch (error) {
        return { totals, status: thrown(plugin.name, error) };
      }
      const raw = state.verdicts === undefined ? undefined : scores.map((s) => ({ ...s }));
      if (plugin.normalizeScore !== undefined) {
        const status = guard(plugin.name, () => plugin.normalizeScore!(state, pod, scores));
        if (!status.isSuccess()) return { totals, status: status.withPlugin(plugin.name) };
      }
      if (raw !== undefined) state.verdicts!.score(plugin.name, raw, scores, weight);
      for (let i = 0; i < scores.length; i++) totals[i]! += scores[i]!.score * weight;
    }
    return { totals, status: Status.success() };
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const p of this.plugins.reserve) {
      const status = guard(p.name, () => p.reserve(state, pod, nodeName));
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.success();
  }

  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of [...this.plugins.reserve].reverse()) guard(p.name, () => (p.unreserve(state, pod, nodeName), Status.success()));
  }

  /**
   * Success, a rejection, or Wait with each waiting plugin's timeout (capped at 15 minutes,
   * as upstream's), for the scheduler to park the pod (waiting-pods.ts).
   */
  runPermit(state: CycleState, pod: Pod, nodeName: string): { status: Status; waits: ReadonlyMap<string, number> } {
    let waits: Map<string, number> | undefined;
    for (const p of this.plugins.permit) {
      let timeoutMs = 0;
      const status = guard(p.name, () => {
        const out = p.permit(state, pod, nodeName);
        timeoutMs = out.timeoutMs ?? 0;
        return out.status;
      });
      if (status.code === 'Wait') (waits ??= new Map()).set(p.name, Math.min(Math.max(timeoutMs, 0), MAX_PERMIT_TIMEOUT_MS));
      else if (!status.isSuccess()) return { status: status.withPlugin(p.name), waits: NO_WAITS };
    }
    if (waits === undefined) return { status: Status.success(), waits: NO_WAITS };
    return { status: new Status('Wait', [`one or more plugins asked to wait and no plugin rejected pod "${pod.metadata?.name ?? ''}"`]), waits };
  }

  async runPreBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    for (const p of this.plugins.preBind) {
      const status = await guardAsync(p.name, () => p.preBind(state, pod, nodeName));
      if (!status.isSuccess()) return status.withPlugin(p.name);
    }
    return Status.success();
  }

  async runBind(state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    for (const p of this.plugins.bind) {
      const status = await guardAsync(p.name, () => p.bind(state, pod, nodeName));
      if (status.code === 'Skip') continue;
      return status.withPlugin(p.name);
    }
    return Status.error('no bind plugin bound the pod');
  }

  runPostBind(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of this.plugins.postBind) guard(p.name, () => (p.postBind(state, pod, nodeName), Status.success()));
  }
}

function guard(plugin: string, call: () => Status): Status {
  try {
    return call();
  } catch (error) {
    return thrown(plugin, error);
  }
}

/** A plugin that threw is an Error status naming it (plugins should not throw). */
function thrown(plugin: string, error: unknown): Status {
  return Status.error(error instanceof Error ? error.message : String(error)).withPlugin(plugin);
}

async function guardAsync(plugin: string, call: () => Promise<Status>): Promise<Status> {
  try {
    return await call();
  } catch (error) {
    return Status.error(error instanceof Error ? error.message : String(error)).withPlugin(plugin);
  }
}
