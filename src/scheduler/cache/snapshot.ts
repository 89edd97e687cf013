// The immutable view one scheduling cycle works on: clones of the cache's NodeInfos,
// refreshed incrementally (a node is copied again only when its generation changed).
// Nodes keep the order in which they first appeared, which the round-robin start index
// of percentageOfNodesToScore relies on.

import type { SnapshotView } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';

export class Snapshot implements SnapshotView {
  private readonly byName = new Map<string, NodeInfo>();
  private list: NodeInfo[] = [];

  nodes(): readonly NodeInfo[] {
    return this.list;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }

  refresh(source: ReadonlyMap<string, NodeInfo>): void {
    let changedMembership = false;
    for (const [name, info] of source) {
      if (info.node === undefined) continue;
      const have = this.byName.get(name);
      if (have === undefined) changedMembership = true;
      if (have === undefined || have.generation !== info.generation) this.byName.set(name, info.clone());
    }
    for (const name of [...this.byName.keys()]) {
      if (source.get(name)?.node === undefined) {
        this.byName.delete(name);
        changedMembership = true;
      }
    }
    if (changedMembership || this.list.length !== this.byName.size) this.list = [...this.byName.values()];
    else this.list = this.list.map((info) => this.byName.get(info.name())!);
  }
}
