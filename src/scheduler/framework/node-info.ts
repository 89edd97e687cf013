// What the scheduler knows about one node: the Node, the pods on it (bound or assumed),
// their summed requests and the host ports they hold. `generation` changes on every
// mutation so that the per-cycle snapshot copies only nodes that changed.

import type { Node, Pod } from '../../client/index.js';
import { nodeImages } from './images.js';
import { podRequests, toResourceList, type ResourceList } from './resources.js';
import { podKey, podSpec } from './types.js';

let nextGeneration = 1;
/** How many derived values a node remembers at most. */
const MEMO_LIMIT = 64;

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodEntry {
  readonly pod: Pod;
  readonly requested: ResourceList;
  readonly nonZero: ResourceList;
  readonly ports: readonly HostPort[];
  /** The pod has required anti-affinity terms (InterPodAffinity checks them against incoming pods). */
  readonly requiredAntiAffinity: boolean;
  /** The pod has any pod affinity or anti-affinity (InterPodAffinity scoring reads it). */
  readonly anyPodAffinity: boolean;
}

export function podHostPorts(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const c of podSpec(pod).containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) <= 0) continue;
      ports.push({ ip: p.hostIP === undefined || p.hostIP === '' ? '0.0.0.0' : p.hostIP, protocol: p.protocol ?? 'TCP', port: p.hostPort! });
    }
  }
  return ports;
}

export function podEntry(pod: Pod): PodEntry {
  const affinity = podSpec(pod).affinity;
  const anti = affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const any = affinity?.podAffinity !== undefined || affinity?.podAntiAffinity !== undefined;
  return { pod, requested: podRequests(pod), nonZero: podRequests(pod, true), ports: podHostPorts(pod), requiredAntiAffinity: anti.length > 0, anyPodAffinity: any };
}

/** Contract: mutated only by the cache; snapshots hold clones. */
export class NodeInfo {
  node: Node | undefined;
  readonly pods = new Map<string, PodEntry>();
  requested: ResourceList = new Map();
  nonZeroRequested: ResourceList = new Map();
  allocatable: ResourceList = new Map();
  /**
   * cpu (millicores), memory (bytes) and pods of the lists above as plain fields: the fit
   * filter and the resource scores read them for every node of every pod, and a field is
   * several times cheaper than a Map lookup there.
   */
  allocatableCpu = 0;
  allocatableMemory = 0;
  allocatablePods = 0;
  requestedCpu = 0;
  requestedMemory = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** The Node's images (normalized name → bytes). */
  images: ReadonlyMap<string, number> = new Map();
  generation = nextGeneration++;
  /** How many pods here have required anti-affinity, so that most nodes can be skipped. */
  withRequiredAntiAffinity = 0;
  /** How many pods here have any pod (anti-)affinity. */
  withAnyPodAffinity = 0;
  /**
   * Values plugins derive from this node's pods (see `derived`), valid for this generation.
   * A snapshot keeps an unchanged node's clone from cycle to cycle, so a value worked out
   * once serves every later cycle until the node changes.
   */
  private readonly memo = new Map<string, number>();

  constructor(node?: Node) {
    if (node !== undefined) this.setNode(node);
  }

  name(): string {
    return this.node?.metadata?.name ?? '';
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = toResourceList(node.status?.allocatable ?? node.status?.capacity);
    this.allocatableCpu = this.allocatable.get('cpu') ?? 0;
    this.allocatableMemory = this.allocatable.get('memory') ?? 0;
    this.allocatablePods = this.allocatable.get('pods') ?? 0;
    this.images = nodeImages(node);
    this.bump();
  }

  /** The Node went; its pods stay until their own delete events. */
  clearNode(): void {
    this.node = undefined;
    this.images = new Map();
    this.bump();
  }

  addPod(entry: PodEntry): void {
    const key = podKey(entry.pod);
    if (this.pods.has(key)) this.removePod(key);
    this.pods.set(key, entry);
    if (entry.requiredAntiAffinity) this.withRequiredAntiAffinity++;
    if (entry.anyPodAffinity) this.withAnyPodAffinity++;
    this.account(entry, 1);
    this.bump();
  }

  removePod(key: string): boolean {
    const entry = this.pods.get(key);
    if (entry === undefined) return false;
    this.pods.delete(key);
    if (entry.requiredAntiAffinity) this.withRequiredAntiAffinity--;
    if (entry.anyPodAffinity) this.withAnyPodAffinity--;
    this.account(entry, -1);
    this.bump();
    return true;
  }

  /** Whether any pod here holds a host port that conflicts with `port`. */
  portInUse(port: HostPort): boolean {
    for (const entry of this.pods.values()) {
      for (const used of entry.ports) {
        if (used.port !== port.port || used.protocol !== port.protocol) continue;
        if (used.ip === port.ip || used.ip === '0.0.0.0' || port.ip === '0.0.0.0') return true;
      }
    }
    return false;
  }

  /**
   * `compute()` for this node as it is now, remembered under `key` until the node changes.
   * `key` must name everything `compute` depends on besides this node.
   */
  derived(key: string, compute: () => number): number {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    // Keys come from workloads (one per selector); a node that lives long sees many.
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  clone(): NodeInfo {
    const copy = new NodeInfo();
    copy.node = this.node;
    for (const [key, entry] of this.pods) copy.pods.set(key, entry);
    copy.requested = new Map(this.requested);
    copy.nonZeroRequested = new Map(this.nonZeroRequested);
    copy.allocatable = this.allocatable;
    copy.allocatableCpu = this.allocatableCpu;
    copy.allocatableMemory = this.allocatableMemory;
    copy.allocatablePods = this.allocatablePods;
    copy.requestedCpu = this.requestedCpu;
    copy.requestedMemory = this.requestedMemory;
    copy.nonZeroCpu = this.nonZeroCpu;
    copy.nonZeroMemory = this.nonZeroMemory;
    copy.images = this.images;
    copy.generation = this.generation;
    copy.withRequiredAntiAffinity = this.withRequiredAntiAffinity;
    copy.withAnyPodAffinity = this.withAnyPodAffinity;
    return copy;
  }

  private account(entry: PodEntry, sign: 1 | -1): void {
    adjust(this.requested, entry.requested, sign);
    adjust(this.nonZeroRequested, entry.nonZero, sign);
    this.requestedCpu = this.requested.get('cpu') ?? 0;
    this.requestedMemory = this.requested.get('memory') ?? 0;
    this.nonZeroCpu = this.nonZeroRequested.get('cpu') ?? 0;
    this.nonZeroMemory = this.nonZeroRequested.get('memory') ?? 0;
  }

  private bump(): void {
    this.generation = nextGeneration++;
    this.memo.clear();
  }
}

function adjust(target: ResourceList, delta: ResourceList, sign: 1 | -1): void {
  for (const [name, value] of delta) target.set(name, (target.get(name) ?? 0) + sign * value);
}
