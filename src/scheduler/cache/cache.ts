// The scheduler's view of the cluster: nodes and the pods on them, including pods it has
// assumed (chosen a node for) but whose binding the watch has not yet shown.
//
// Pod states (upstream's backend/cache/interface.go):
//
//   ┌──────────┐ assume ┌─────────┐  add event (bound)   ┌───────┐ update ┌─────────┐
//   │ (absent) │───────▶│ Assumed │─────────────────────▶│ Added │───────▶│ Updated │
//   └──────────┘        └─────────┘                      └───────┘        └─────────┘
//     ▲   │  ▲  forget (binding failed) │                    │                │
//     │   │  └──────────────────────────┘                    │ delete         │ delete
//     │   └─ add event (bound, never assumed) ─▶ Added       ▼                ▼
//     └──────────────────────────────────────────────────────┴────────────────┘
//
// An assumed pod counts on its node at once, so the next cycle does not pick the same
// room twice. Assumed pods do not expire: the binding either lands (the add event
// confirms it) or fails (the scheduler forgets it).

import type { Node, Pod } from '../../client/index.js';
import { NodeInfo, podEntry } from '../framework/node-info.js';
import { nodeName, podKey, podSpec } from '../framework/types.js';
import { RecencyList } from './recency-list.js';
import type { Snapshot } from './snapshot.js';

/** Thrown when a pod is assumed twice, or forgotten without being assumed. */
export class CacheStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CacheStateError';
  }
}

interface PodState {
  pod: Pod;
  node: string;
  assumed: boolean;
}

/** What a Snapshot reads from the cache to bring itself up to date. */
export interface CacheView {
  /** Every NodeInfo, including those of pods on nodes the cache has no Node for. */
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  /** NodeInfos newest change first. */
  newestFirst(): Iterable<NodeInfo>;
  /** Changes whenever a Node appears or goes (not when one is updated). */
  readonly membership: number;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  private readonly recency = new RecencyList();
  private membership = 0;
  private nodesWithObject = 0;

  addNode(node: Node): void {
    const name = nodeName(node);
    let info = this.nodes.get(name);
    if (info === undefined) {
      info = new NodeInfo(node);
      this.nodes.set(name, info);
      this.nodeAppeared();
    } else {
      if (info.node === undefined) this.nodeAppeared();
      info.setNode(node);
    }
    this.recency.touch(info);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** Removes the node; its pods' info stays until their own delete events (a node may come back). */
  removeNode(node: Node): void {
    const info = this.nodes.get(nodeName(node));
    if (info?.node === undefined) return;
    this.membership++;
    this.nodesWithObject--;
    if (info.pods.size === 0) this.drop(nodeName(node), info);
    else info.clearNode();
  }

  /** The pod counts on `node` from now on. */
  assumePod(pod: Pod, node: string): void {
    const key = podKey(pod);
    if (this.pods.has(key)) throw new CacheStateError(`pod ${key} is already in the cache`);
    this.pods.set(key, { pod, node, assumed: true });
    this.changed(this.infoFor(node)).addPod(podEntry(pod));
  }

  /** Undoes assumePod (the binding failed). */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.pods.get(key);
    if (state === undefined || !state.assumed) throw new CacheStateError(`pod ${key} was not assumed`);
    this.removeState(key, state);
  }

  isAssumed(pod: Pod): boolean {
    return this.pods.get(podKey(pod))?.assumed === true;
  }

  /** A bound pod seen by the watch: confirms an assumed pod, or adds a new one. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const node = podSpec(pod).nodeName ?? '';
    const current = this.pods.get(key);
    if (current !== undefined) this.removeState(key, current);
    this.pods.set(key, { pod, node, assumed: false });
    this.changed(this.infoFor(node)).addPod(podEntry(pod));
  }

  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.pods.get(key);
    if (state !== undefined) this.removeState(key, state);
  }

  nodeCount(): number {
    return this.nodesWithObject;
  }

  /** Pods the cache holds (bound and assumed), and of them the assumed ones (metrics). */
  podCounts(): { pods: number; assumed: number } {
    let assumed = 0;
    for (const state of this.pods.values()) if (state.assumed) assumed++;
    return { pods: this.pods.size, assumed };
  }

  /** Brings `snapshot` up to date, copying only the nodes that changed since its last update. */
  updateSnapshot(snapshot: Snapshot): void {
    snapshot.refresh({ nodes: this.nodes, newestFirst: () => this.recency.newestFirst(), membership: this.membership });
  }

  private nodeAppeared(): void {
    this.membership++;
    this.nodesWithObject++;
  }

  /** Marks `info` as changed now (callers mutate it right after). */
  private changed(info: NodeInfo): NodeInfo {
    this.recency.touch(info);
    return info;
  }

  private drop(name: string, info: NodeInfo): void {
    this.nodes.delete(name);
    this.recency.remove(info);
  }

  private infoFor(node: string): NodeInfo {
    let info = this.nodes.get(node);
    if (info === undefined) {
      info = new NodeInfo();
      this.nodes.set(node, info);
    }
    return info;
  }

  private removeState(key: string, state: PodState): void {
    this.pods.delete(key);
    const info = this.nodes.get(state.node);
    if (info === undefined) return;
    this.changed(info).removePod(key);
    if (info.node === undefined && info.pods.size === 0) this.drop(state.node, info);
  }
}
