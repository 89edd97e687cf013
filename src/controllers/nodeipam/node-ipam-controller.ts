// The node-ipam controller (upstream's pkg/controller/nodeipam, the RangeAllocator): every
// Node gets a spec.podCIDR (and podCIDRs) out of --cluster-cidr, one /--node-cidr-mask-size
// subnet each. Subnets already on nodes are taken first (when the caches have synced);
// a deleted node's subnet is free again.
//
//   node without podCIDR ─▶ queue ─▶ sync: fresh GET; still none ─▶ lowest free subnet,
//                                    PATCH with the GET's resourceVersion (a conflict retries)
//   range full ─▶ Warning event CIDRNotAvailable, retried with back-off

import { isConflict, isNotFound } from '../../machinery/errors.js';
import { EventRecorder, RateLimitingQueue, clientEventSink, deletedObject, type Node, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { CidrRangeFullError, CidrSet } from './cidr-set.js';

export interface NodeIpamOptions {
  /** --cluster-cidr (kubets' default: 10.244.0.0/16, as kubeadm-style clusters use). */
  readonly clusterCidr: string;
  /** --node-cidr-mask-size (24). */
  readonly nodeCidrMaskSize: number;
}

export const DEFAULT_NODE_IPAM: NodeIpamOptions = { clusterCidr: '10.244.0.0/16', nodeCidrMaskSize: 24 };

function podCidrOf(node: Node | undefined): string | undefined {
  const cidr = node?.spec?.['podCIDR'];
  return typeof cidr === 'string' && cidr !== '' ? cidr : undefined;
}

export class NodeIpamController implements Controller {
  readonly name = 'node-ipam-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly nodes: SharedInformer<Node>;
  private readonly cidrs: CidrSet;
  private readonly recorder: EventRecorder;
  /** Subnets by node name as this controller last saw them, to free a deleted node's. */
  private readonly assigned = new Map<string, string>();

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<NodeIpamOptions> = {},
  ) {
    const { clusterCidr, nodeCidrMaskSize } = { ...DEFAULT_NODE_IPAM, ...options };
    this.cidrs = new CidrSet(clusterCidr, nodeCidrMaskSize);
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger });
    this.nodes = ctx.informers.nodes();
    this.nodes.addEventHandler({
      onAdd: (n) => this.queue.add(keyOf(n)),
      onUpdate: (_o, n) => this.queue.add(keyOf(n)),
      onDelete: (n) => this.queue.add(keyOf(deletedObject(n))),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.nodes))) return;
    for (const node of this.nodes.lister.list()) {
      const cidr = podCidrOf(node);
      if (cidr !== undefined) this.cidrs.occupy(cidr);
    }
    try {
      // One worker: allocation order is then the order nodes arrive, as upstream's.
      await runWorkers(this.name, this.queue, (key) => this.sync(key), 1, signal, this.ctx.logger);
    } finally {
      await this.recorder.shutdown();
    }
  }

  private async sync(name: string): Promise<void> {
    const cached = this.nodes.lister.get(name);
    if (cached === undefined) {
      const freed = this.assigned.get(name);
      if (freed !== undefined) this.cidrs.release(freed);
      this.assigned.delete(name);
      return;
    }
    const existing = podCidrOf(cached);
    if (existing !== undefined) {
      this.cidrs.occupy(existing);
      this.assigned.set(name, existing);
      return;
    }
    await this.allocateFor(name);
  }

  private async allocateFor(name: string): Promise<void> {
    let live: Node;
    try {
      live = await this.ctx.client.nodes().get(name);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const existing = podCidrOf(live);
    if (existing !== undefined) {
      this.cidrs.occupy(existing);
      this.assigned.set(name, existing);
      return;
    }
    let cidr: string;
    try {
      cidr = this.cidrs.allocate();
    } catch (error) {
      if (error instanceof CidrRangeFullError) this.recorder.event(live, 'Warning', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`);
      throw error;
    }
    try {
      await this.ctx.client.nodes().patch(name, 'merge', { metadata: { resourceVersion: live.metadata?.resourceVersion }, spec: { podCIDR: cidr, podCIDRs: [cidr] } });
      this.assigned.set(name, cidr);
    } catch (error) {
      this.cidrs.release(cidr);
      if (!isNotFound(error) && !isConflict(error)) throw error;
      if (isConflict(error)) this.queue.add(name);
    }
  }
}
