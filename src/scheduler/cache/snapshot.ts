// The immutable view one scheduling cycle works on: clones of the cache's NodeInfos, and
// how many nodes hold each image. Refreshing walks the cache's nodes newest change first
// and stops at the first one it already holds, so a cycle pays for what changed since the
// last one. When a node appeared or went, the list is rebuilt. Nodes keep the order in
// which they first appeared, which the round-robin start index of
// percentageOfNodesToScore relies on.

import type { SnapshotView } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { CacheView } from './cache.js';

export class Snapshot implements SnapshotView {
  private readonly byName = new Map<string, NodeInfo>();
  private readonly position = new Map<string, number>();
  private readonly imageCounts = new Map<string, number>();
  private readonly withPodAffinity = new NodeSet((info) => info.withAnyPodAffinity > 0);
  private readonly withRequiredAntiAffinity = new NodeSet((info) => info.withRequiredAntiAffinity > 0);
  private list: NodeInfo[] = [];
  private membership = -1;
  /** The newest change this snapshot holds. */
  private generation = 0;

  /** A snapshot of exactly these NodeInfos (tests and tools; the scheduler refreshes one from its cache). */
  static of(infos: readonly NodeInfo[]): Snapshot {
    const snapshot = new Snapshot();
    snapshot.refresh({ nodes: new Map(infos.map((info) => [info.name(), info])), newestFirst: () => [], membership: 0 });
    return snapshot;
  }

  nodes(): readonly NodeInfo[] {
    return this.list;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }

  nodesWithImage(image: string): number {
    return this.imageCounts.get(image) ?? 0;
  }

  nodesWithPodAffinity(): readonly NodeInfo[] {
    return this.withPodAffinity.list(this.byName);
  }

  nodesWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return this.withRequiredAntiAffinity.list(this.byName);
  }

  refresh(cache: CacheView): void {
    if (cache.membership !== this.membership) this.rebuild(cache);
    else this.copyChanged(cache);
  }

  private copyChanged(cache: CacheView): void {
    let newest = this.generation;
    for (const info of cache.newestFirst()) {
      if (info.generation <= this.generation) break;
      newest = Math.max(newest, info.generation);
      const at = this.position.get(info.name());
      if (info.node === undefined || at === undefined) continue;
      this.replace(this.list[at]!, info.clone(), at);
    }
    this.generation = newest;
  }

  private replace(old: NodeInfo, copy: NodeInfo, at: number): void {
    if (old.images !== copy.images) {
      this.countImages(old, -1);
      this.countImages(copy, 1);
    }
    this.byName.set(copy.name(), copy);
    this.list[at] = copy;
    this.withPodAffinity.update(copy);
    this.withRequiredAntiAffinity.update(copy);
  }

  private rebuild(cache: CacheView): void {
    for (const [name, info] of cache.nodes) {
      if (info.node === undefined) continue;
      const have = this.byName.get(name);
      if (have === undefined || have.generation !== info.generation) this.byName.set(name, info.clone());
      this.generation = Math.max(this.generation, info.generation);
    }
    for (const name of [...this.byName.keys()]) if (cache.nodes.get(name)?.node === undefined) this.byName.delete(name);
    this.list = [...this.byName.values()];
    this.position.clear();
    this.imageCounts.clear();
    this.withPodAffinity.clear();
    this.withRequiredAntiAffinity.clear();
    this.list.forEach((info, i) => {
      this.position.set(info.name(), i);
      this.countImages(info, 1);
      this.withPodAffinity.update(info);
      this.withRequiredAntiAffinity.update(info);
    });
    this.membership = cache.membership;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const image of info.images.keys()) this.imageCounts.set(image, (this.imageCounts.get(image) ?? 0) + sign);
  }
}

/** The names of the nodes that have some property, and (built when asked) their NodeInfos. */
class NodeSet {
  private readonly names = new Set<string>();
  private cached: NodeInfo[] | undefined;

  constructor(private readonly has: (info: NodeInfo) => boolean) {}

  update(info: NodeInfo): void {
    const name = info.name();
    // Even a member that stays one is a new clone: the cached list must be rebuilt.
    if (this.has(info)) {
      this.names.add(name);
      this.cached = undefined;
    } else if (this.names.delete(name)) this.cached = undefined;
  }

  clear(): void {
    this.names.clear();
    this.cached = undefined;
  }

  list(byName: ReadonlyMap<string, NodeInfo>): readonly NodeInfo[] {
    this.cached ??= [...this.names].map((name) => byName.get(name)!);
    return this.cached;
  }
}
