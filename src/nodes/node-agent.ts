// One simulated kubelet's node-side duties: register the Node (or adopt the one already
// there), hold its podCIDR and pod IPs, renew its Lease, and post its status when it
// changed or has not been posted for a while — all through the API, as a kubelet does.

import type { Client, Clock, Lease, Node, Pod } from '../client/index.js';
import { isAlreadyExists, isConflict, isNotFound } from '../machinery/errors.js';
import { PodIPAllocator, type SubnetAllocator } from './addresses.js';
import { microTime } from './format.js';
import { KUBELET_ENDPOINT_ANNOTATION } from './log-server.js';
import { NodeImages } from './node-images.js';
import type { NodeView } from './node-stats.js';
import { parseQuantity } from '../machinery/quantity.js';
import { buildLease, buildNode, NODE_LEASE_NAMESPACE, nodeStatus, type NodeIdentity } from './node-object.js';
import type { PoolConfig } from './pool.js';

/** The Node annotation that injects a fault into a simulated node (see README). */
export const FAULT_ANNOTATION = 'kubets.io/fault';
export type NodeFault = 'stop-heartbeats' | 'not-ready';

function faultOf(node: Node): NodeFault | undefined {
  const value = node.metadata?.annotations?.[FAULT_ANNOTATION];
  return value === 'stop-heartbeats' || value === 'not-ready' ? value : undefined;
}

/**
 * A registered simulated node.
 * Contract: renewLease() and postStatus() are never called concurrently for one node
 * (the timer wheel guarantees it); the pod IPs come from `podCIDR` only.
 */
export class NodeAgent {
  readonly ips: PodIPAllocator;
  private readonly images: NodeImages;
  private readonly startedAt: number;
  private readonly memoryCapacityBytes: number;
  private lease: Lease | undefined;
  private lastStatusAt: number;
  /** Set when the node's status must be posted at the next heartbeat. */
  statusDirty = false;
  /** The fault the Node's `kubets.io/fault` annotation injects, if any. */
  fault: NodeFault | undefined;

  private constructor(
    private readonly client: Client,
    private readonly pool: PoolConfig,
    readonly identity: NodeIdentity,
    readonly podCIDR: string,
    private node: Node,
    private readonly clock: Clock,
  ) {
    this.ips = new PodIPAllocator(podCIDR);
    this.images = new NodeImages(pool.images);
    this.lastStatusAt = clock.now();
    this.startedAt = clock.now();
    this.memoryCapacityBytes = bytesOf(pool.capacity['memory']);
  }

  /** The node as its kubelet endpoint's metrics see it, with the pods bound to it. */
  view(pods: readonly Pod[]): NodeView {
    return { name: this.name, startedAt: this.startedAt, memoryCapacityBytes: this.memoryCapacityBytes, pods };
  }

  get name(): string {
    return this.identity.name;
  }

  get uid(): string {
    return this.node.metadata?.uid ?? '';
  }

  /**
   * Creates the Node with its status, or adopts an existing one: gives it a podCIDR when
   * it has none (from `subnets`, where existing nodes' CIDRs are already reserved) and
   * posts a fresh status. Then creates or renews the Lease.
   */
  static async register(
    client: Client,
    pool: PoolConfig,
    id: NodeIdentity,
    existing: Node | undefined,
    subnets: SubnetAllocator,
    clock: Clock,
    kubeletEndpoint: string,
  ): Promise<NodeAgent> {
    const nodes = client.nodes();
    let node: Node;
    const existingCIDR = existing?.spec?.podCIDR;
    const podCIDR = typeof existingCIDR === 'string' && existingCIDR !== '' ? existingCIDR : subnets.allocate();
    if (existing === undefined) {
      try {
        node = await nodes.create(buildNode(pool, id, podCIDR, clock.now(), new NodeImages(pool.images).list(), kubeletEndpoint));
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        node = await nodes.get(id.name);
      }
    } else {
      node = existing;
    }
    const actual = node.spec?.podCIDR;
    const hasCIDR = typeof actual === 'string' && actual !== '';
    // Each simulator serves logs at its own address: an adopted node is told the current one.
    const endpointStale = node.metadata?.annotations?.[KUBELET_ENDPOINT_ANNOTATION] !== kubeletEndpoint;
    if (!hasCIDR || endpointStale) {
      const patch: Record<string, unknown> = { metadata: { annotations: { [KUBELET_ENDPOINT_ANNOTATION]: kubeletEndpoint } } };
      if (!hasCIDR) patch.spec = { podCIDR, podCIDRs: [podCIDR] };
      node = await nodes.patch(id.name, 'merge', patch);
    }
    const agent = new NodeAgent(client, pool, id, hasCIDR ? actual : podCIDR, node, clock);
    if (existing !== undefined) await agent.postStatus();
    await agent.renewLease();
    return agent;
  }

  /**
   * The node as the API server has it now (from the node informer). A Ready condition
   * that is not True — the node-lifecycle controller marks a silent node Unknown — is a
   * change this kubelet disagrees with: its status is posted at the next heartbeat.
   */
  observe(node: Node): void {
    this.node = node;
    const fault = faultOf(node);
    if (fault !== this.fault) this.statusDirty = true;
    this.fault = fault;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== (this.fault === 'not-ready' ? 'False' : 'True')) this.statusDirty = true;
  }

  /**
   * Records the images a pod on this node runs. A new one goes into node.status.images
   * with the next heartbeat's status post, so a node posts at most once per renew period
   * however many pods start on it (kubelet's cadence: nodeStatusUpdateFrequency, 10 s).
   */
  pulledImages(images: Iterable<string>): void {
    if (this.images.add(images)) this.statusDirty = true;
  }

  /** What the timer wheel runs each period: renew the lease, post status when due. */
  async heartbeat(statusPeriodMs: number): Promise<void> {
    // A node told to stop heartbeating goes silent, as a hung kubelet does.
    if (this.fault === 'stop-heartbeats') return;
    await this.renewLease();
    if (this.statusDirty || this.clock.now() - this.lastStatusAt >= statusPeriodMs) await this.postStatus();
  }

  /** Sets renewTime to now (creating the Lease when missing); one retry after a conflict. */
  async renewLease(): Promise<void> {
    const leases = this.client.leases(NODE_LEASE_NAMESPACE);
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.lease === undefined) {
          // A Lease created now is already renewed: one request for a new node.
          const adopted = await this.createOrGetLease();
          this.lease = adopted.lease;
          if (adopted.created) return;
        }
        const renewed: Lease = { ...this.lease, spec: { ...this.lease.spec, holderIdentity: this.name, renewTime: microTime(this.clock.now()) } };
        this.lease = await leases.update(renewed);
        return;
      } catch (error) {
        this.lease = undefined;
        if (attempt > 0 || !(isConflict(error) || isNotFound(error))) throw error;
      }
    }
  }

  /** Posts the node's status: capacity, addresses, nodeInfo and fresh condition heartbeats. */
  async postStatus(): Promise<void> {
    const now = this.clock.now();
    const ready = this.fault !== 'not-ready';
    const status = nodeStatus(this.pool, this.identity, now, this.readySince(now, ready), this.images.list(), ready);
    this.node = await this.client.nodes().patch(this.name, 'merge', { status }, { subresource: 'status' });
    this.lastStatusAt = now;
    this.statusDirty = false;
  }

  /** When Ready last turned True: kept while the node stays Ready, now when it was not. */
  private readySince(now: number, ready: boolean): number {
    const condition = this.node.status?.conditions?.find((c) => c.type === 'Ready');
    const since = typeof condition?.lastTransitionTime === 'string' ? Date.parse(condition.lastTransitionTime) : NaN;
    return condition?.status === (ready ? 'True' : 'False') && !Number.isNaN(since) ? since : now;
  }

  private async createOrGetLease(): Promise<{ lease: Lease; created: boolean }> {
    const leases = this.client.leases(NODE_LEASE_NAMESPACE);
    try {
      return { lease: await leases.create(buildLease(this.node, this.clock.now())), created: true };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      return { lease: await leases.get(this.name), created: false };
    }
  }
}

function bytesOf(quantity: string | undefined): number {
  try {
    return quantity === undefined ? 0 : parseQuantity(quantity).value();
  } catch {
    return 0;
  }
}
