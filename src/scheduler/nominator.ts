// Pods nominated to nodes by preemption (status.nominatedNodeName) and not yet bound
// (upstream's nominator): Filter counts them on their node for pods of lower priority.

import type { Pod } from '../client/index.js';
import { podKey } from './framework/types.js';

export class Nominator {
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly nodeOf = new Map<string, string>();

  /** Records `pod`'s nomination (`node`, or its status field), replacing an earlier one; none removes it. */
  set(pod: Pod, node: string | undefined = pod.status?.nominatedNodeName as string | undefined): void {
    this.remove(pod);
    if (node === undefined || node === '') return;
    const key = podKey(pod);
    let pods = this.byNode.get(node);
    if (pods === undefined) this.byNode.set(node, (pods = new Map()));
    pods.set(key, pod);
    this.nodeOf.set(key, node);
  }

  remove(pod: Pod): void {
    const key = podKey(pod);
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const pods = this.byNode.get(node)!;
    pods.delete(key);
    if (pods.size === 0) this.byNode.delete(node);
  }

  on(node: string): Pod[] {
    const pods = this.byNode.get(node);
    return pods === undefined ? [] : [...pods.values()];
  }
}
