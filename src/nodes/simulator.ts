// runNodes: a pool of simulated kubelets in one process. It registers the pool's nodes,
// keeps their leases fresh on one timer wheel (posting status when due, or when the node
// informer shows a Ready condition the node disagrees with), and runs the pods bound to
// them through one shared pod informer. Everything goes through the API, so the server
// may be kubets or any Kubernetes API server.

import { Client, InformerFactory, NODE_NAME_INDEX, realClock, stderrLogger, type Clock, type Logger, type Node } from '../client/index.js';
import { SubnetAllocator } from './addresses.js';
import { NodeAgent } from './node-agent.js';
import { nodeIdentity } from './node-object.js';
import { DEFAULT_LIFECYCLE, type LifecycleSettings } from './pod-lifecycle.js';
import { startLogServer, type LogServer } from './log-server.js';
import { PodWorker } from './pod-worker.js';
import type { PoolConfig } from './pool.js';
import { TimerWheel } from './timer-wheel.js';

export interface HeartbeatSettings {
  /** How often each node renews its Lease (upstream kubelet: 10 s). */
  readonly leaseRenewMs: number;
  /** A node posts its status at least this often (upstream: 5 minutes). */
  readonly statusUpdateMs: number;
  /** Slots of the wheel; each tick serves one slot (default 10: a tick per second). */
  readonly slots: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatSettings = { leaseRenewMs: 10_000, statusUpdateMs: 5 * 60_000, slots: 10 };

export interface RunNodesOptions {
  /** A kubeconfig to connect with (a client is made and closed by the simulator)… */
  readonly kubeconfig?: string;
  /** …or a client the caller owns. */
  readonly client?: Client;
  readonly pool: PoolConfig;
  /**
   * The clock of heartbeats and pod lifecycles (default: real). The pod informer keeps
   * the real clock: its watch timeouts guard a real connection.
   */
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly lifecycle?: Partial<LifecycleSettings>;
  readonly heartbeat?: Partial<HeartbeatSettings>;
  /** Concurrent pod writes (default 16). */
  readonly podWorkers?: number;
  /**
   * Requests per second of the client made from `kubeconfig` (default: see
   * defaultQps); its burst is twice that. A client the caller passes keeps its own.
   */
  readonly qps?: number;
}

/**
 * Upstream every kubelet has a client of its own (50 QPS); here one client serves the
 * whole pool, so its limit grows with it: one request per node per second (a Lease
 * renewal needs a tenth of that), never under 200 — enough that registering thousands of
 * nodes, or starting a pod on each, is paced by the API server rather than by the limit.
 */
export function defaultQps(nodeCount: number): number {
  return Math.max(200, nodeCount);
}

/** Thrown when runNodes is given neither a kubeconfig nor a client. */
export class NoConnectionError extends Error {
  constructor() {
    super('runNodes needs a kubeconfig or a client');
    this.name = 'NoConnectionError';
  }
}

/** Thrown when a node operation names a node this simulator does not run. */
export class UnknownNodeError extends Error {
  constructor(readonly nodeName: string) {
    super(`node ${JSON.stringify(nodeName)} is not simulated here`);
    this.name = 'UnknownNodeError';
  }
}

const REGISTRATION_CONCURRENCY = 32;

/**
 * Requests (not watches) of the client the simulator makes give up after this long, as
 * kubelet's heartbeat client does: an answer that never comes would otherwise hold a pod
 * worker, or a node's heartbeat, for ever; a timed-out write is retried.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A running pool of simulated nodes.
 * Contract: when runNodes resolves, every node is registered (Ready, Lease fresh) and the
 * pod informer runs; stop() ends every timer, watch and worker (and closes the client
 * when the simulator made it) — it leaves the Nodes and Leases in place, as a stopped
 * kubelet does.
 */
export class NodeSimulator {
  constructor(
    private readonly agents: ReadonlyMap<string, NodeAgent>,
    private readonly wheel: TimerWheel<string>,
    private readonly factory: InformerFactory,
    private readonly pods: PodWorker,
    private readonly ownedClient: Client | undefined,
    private readonly logs: LogServer,
  ) {}

  nodeNames(): string[] {
    return [...this.agents.keys()];
  }

  /** Stops renewing the node's Lease (the node goes stale, as a kubelet that hung). */
  stopHeartbeats(nodeName: string): void {
    this.agentOf(nodeName);
    this.wheel.remove(nodeName);
  }

  /** Resumes heartbeats; the node posts its status at its next one. */
  resumeHeartbeats(nodeName: string): void {
    this.agentOf(nodeName).statusDirty = true;
    this.wheel.add(nodeName);
  }

  async stop(): Promise<void> {
    await this.wheel.stop();
    await this.factory.shutdown();
    await this.pods.stop();
    await this.logs.close();
    await this.ownedClient?.close();
  }

  private agentOf(nodeName: string): NodeAgent {
    const agent = this.agents.get(nodeName);
    if (agent === undefined) throw new UnknownNodeError(nodeName);
    return agent;
  }
}

/** Registers the pool's nodes and starts simulating them; see NodeSimulator. */
export async function runNodes(options: RunNodesOptions): Promise<NodeSimulator> {
  const qps = options.qps ?? defaultQps(options.pool.count);
  const ownedClient =
    options.client === undefined && options.kubeconfig !== undefined ? Client.fromKubeconfig(options.kubeconfig, { qps, burst: 2 * qps, timeoutMs: REQUEST_TIMEOUT_MS }) : undefined;
  const client = options.client ?? ownedClient;
  if (client === undefined) throw new NoConnectionError();
  const clock = options.clock ?? realClock;
  const logger = options.logger ?? stderrLogger;
  const heartbeat = { ...DEFAULT_HEARTBEAT, ...options.heartbeat };
  let logs: LogServer | undefined;
  try {
    const factory = new InformerFactory(client, { logger });
    const podInformer = factory.pods();
    const registered = new Map<string, NodeAgent>();
    logs = await startLogServer({
      pod: (namespace, name) => podInformer.lister.namespace(namespace).get(name),
      node: (name) => registered.get(name)?.view(podInformer.store.byIndex(NODE_NAME_INDEX, name)),
      clock,
    });
    // The wheel turns while nodes register and each joins it once its Lease exists, so
    // a node's first renewal comes within one period of its registration, however long
    // registering the whole pool takes.
    const wheel = new TimerWheel<string>(clock, heartbeat.leaseRenewMs, heartbeat.slots, (name) => registered.get(name)?.heartbeat(heartbeat.statusUpdateMs) ?? Promise.resolve(), logger);
    let agents: Map<string, NodeAgent>;
    try {
      const endpoints = logs;
      agents = await registerAll(client, options.pool, clock, (name) => endpoints.endpointFor(name), (agent) => {
        registered.set(agent.name, agent);
        wheel.add(agent.name);
      });
    } catch (error) {
      await wheel.stop();
      throw error;
    }
    factory.nodes().addEventHandler({
      onAdd: (node: Node) => agents.get(node.metadata?.name ?? '')?.observe(node),
      onUpdate: (_old: Node, node: Node) => agents.get(node.metadata?.name ?? '')?.observe(node),
      // A Node taken away (kubets nodes fault --remove, kubectl delete node) stops its heartbeats.
      onDelete: (node: Node) => wheel.remove(node.metadata?.name ?? ''),
    });
    const pods = new PodWorker({ client, informer: factory.pods(), nodes: agents, settings: { ...DEFAULT_LIFECYCLE, ...options.lifecycle }, clock, logger, workers: options.podWorkers });
    pods.start();
    factory.start();
    return new NodeSimulator(agents, wheel, factory, pods, ownedClient, logs);
  } catch (error) {
    await logs?.close();
    await ownedClient?.close();
    throw error;
  }
}

/** Registers the pool's nodes, calling `onRegistered` for each as it is; the agents in pool order. */
async function registerAll(
  client: Client,
  pool: PoolConfig,
  clock: Clock,
  kubeletEndpoint: (nodeName: string) => string,
  onRegistered: (agent: NodeAgent) => void,
): Promise<Map<string, NodeAgent>> {
  const existing = new Map<string, Node>();
  const subnets = new SubnetAllocator(pool.clusterCIDR, pool.nodeCIDRMaskSize);
  for (const node of (await client.nodes().list()).items) {
    existing.set(node.metadata?.name ?? '', node);
    const cidr = node.spec?.podCIDR;
    if (typeof cidr === 'string' && cidr !== '') subnets.reserve(cidr);
  }
  const ids = Array.from({ length: pool.count }, (_, i) => nodeIdentity(pool, i + 1));
  const agents = new Map<string, NodeAgent>();
  // A bounded number of registrations in flight: thousands of nodes must not open
  // thousands of requests at once (the client's rate limit paces them further).
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let id = ids[next++]; id !== undefined; id = ids[next++]) {
      const agent = await NodeAgent.register(client, pool, id, existing.get(id.name), subnets, clock, kubeletEndpoint(id.name));
      agents.set(id.name, agent);
      onRegistered(agent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REGISTRATION_CONCURRENCY, ids.length) }, lane));
  return new Map(ids.flatMap((id) => (agents.has(id.name) ? [[id.name, agents.get(id.name) as NodeAgent] as const] : [])));
}
