// The cache's NodeInfos ordered by their last change, newest first (upstream keeps the
// same doubly-linked list in backend/cache). A snapshot walks it from the head and stops
// at the first node it already has, so a cycle costs the nodes that changed since the
// last one, not the size of the cluster.

import type { NodeInfo } from '../framework/node-info.js';

interface Entry {
  readonly info: NodeInfo;
  newer: Entry | undefined;
  older: Entry | undefined;
}

export class RecencyList {
  private head: Entry | undefined;
  private readonly entries = new Map<NodeInfo, Entry>();

  /** Moves `info` to the head (it just changed). */
  touch(info: NodeInfo): void {
    let entry = this.entries.get(info);
    if (entry === this.head && entry !== undefined) return;
    if (entry === undefined) {
      entry = { info, newer: undefined, older: undefined };
      this.entries.set(info, entry);
    } else {
      this.unlink(entry);
    }
    entry.older = this.head;
    if (this.head !== undefined) this.head.newer = entry;
    this.head = entry;
  }

  remove(info: NodeInfo): void {
    const entry = this.entries.get(info);
    if (entry === undefined) return;
    this.unlink(entry);
    this.entries.delete(info);
  }

  /** Newest first. */
  *newestFirst(): Generator<NodeInfo> {
    for (let entry = this.head; entry !== undefined; entry = entry.older) yield entry.info;
  }

  private unlink(entry: Entry): void {
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    if (this.head === entry) this.head = entry.older;
    entry.newer = undefined;
    entry.older = undefined;
  }
}
