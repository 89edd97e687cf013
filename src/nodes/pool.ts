// A node pool: how many simulated nodes, named how, with which capacity, labels, taints
// and zones. Read from a small YAML file (`kubets nodes --pool FILE`) or built from flags;
// anything left out takes the default of `kubets up` (4 CPU, 32Gi, 110 pods, 3 zones).

import { parse } from 'yaml';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface PoolConfig {
  readonly count: number;
  /** Node i (from 1) is named `${namePrefix}${i}`. */
  readonly namePrefix: string;
  /** capacity = allocatable; cpu, memory, pods, ephemeral-storage and extended resources. */
  readonly capacity: Readonly<Record<string, string>>;
  /** Added to (and overriding) the well-known labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Nodes are spread over these round-robin (topology.kubernetes.io/zone). */
  readonly zones: readonly string[];
  readonly region: string;
  readonly instanceType: string;
  /** Where node podCIDRs come from when a node has none. */
  readonly clusterCIDR: string;
  readonly nodeCIDRMaskSize: number;
  /** Node i gets InternalIP base + i. */
  readonly nodeIPBase: string;
  /** Images every node holds from the start (node.status.images), besides those its pods pull. */
  readonly images: readonly string[];
}

/** The pod sandbox ("pause") image: on every node, as a container runtime pulls it first. */
export const SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';

export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = { cpu: '4', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };

export const DEFAULT_POOL: PoolConfig = {
  count: 3,
  namePrefix: 'kubets-node-',
  capacity: DEFAULT_CAPACITY,
  labels: {},
  taints: [],
  zones: ['zone-a', 'zone-b', 'zone-c'],
  region: 'kubets',
  instanceType: 'kubets-standard-4',
  clusterCIDR: '10.244.0.0/16',
  nodeCIDRMaskSize: 24,
  nodeIPBase: '172.18.0.1',
  images: [SANDBOX_IMAGE],
};

/** Thrown when a pool file or pool options are not a valid pool. */
export class PoolConfigError extends Error {
  constructor(message: string) {
    super(`invalid node pool: ${message}`);
    this.name = 'PoolConfigError';
  }
}

const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const KNOWN_FIELDS = new Set(['count', 'namePrefix', 'capacity', 'labels', 'taints', 'zones', 'region', 'instanceType', 'clusterCIDR', 'nodeCIDRMaskSize', 'nodeIPBase', 'images']);

/** The default pool with `overrides` applied (capacity merged over the default capacity). */
export function makePool(overrides: Partial<PoolConfig> = {}): PoolConfig {
  const pool: PoolConfig = { ...DEFAULT_POOL, ...overrides, capacity: { ...DEFAULT_CAPACITY, ...overrides.capacity } };
  checkPool(pool);
  return pool;
}

/** Reads a pool from YAML text. */
export function parsePool(text: string): PoolConfig {
  const doc: unknown = parse(text);
  if (doc === null || doc === undefined) return makePool();
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new PoolConfigError('the document must be a mapping');
  const raw = doc as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) throw new PoolConfigError(`unknown field(s) ${unknown.join(', ')}`);
  const overrides: Record<string, unknown> = { ...raw };
  if (raw.capacity !== undefined) overrides.capacity = stringMap(raw.capacity, 'capacity');
  if (raw.labels !== undefined) overrides.labels = stringMap(raw.labels, 'labels');
  return makePool(overrides as Partial<PoolConfig>);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PoolConfigError(`${field} must be a mapping`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function checkPool(pool: PoolConfig): void {
  if (!Number.isInteger(pool.count) || pool.count < 0) throw new PoolConfigError(`count must be a non-negative integer, got ${String(pool.count)}`);
  if (typeof pool.namePrefix !== 'string' || !/^[a-z0-9]([-a-z0-9.]*)?$/.test(pool.namePrefix)) throw new PoolConfigError(`namePrefix ${JSON.stringify(pool.namePrefix)} does not make DNS names`);
  if (!Array.isArray(pool.zones) || pool.zones.length === 0 || pool.zones.some((z) => typeof z !== 'string')) throw new PoolConfigError('zones must be a non-empty list of strings');
  if (!Array.isArray(pool.taints)) throw new PoolConfigError('taints must be a list');
  if (!Array.isArray(pool.images) || pool.images.some((i) => typeof i !== 'string' || i === '')) throw new PoolConfigError('images must be a list of image names');
  for (const taint of pool.taints as unknown[]) {
    const t = taint as Partial<Taint> | null;
    if (typeof t?.key !== 'string' || !TAINT_EFFECTS.has(String(t.effect))) throw new PoolConfigError(`taint ${JSON.stringify(taint)} needs a key and an effect (NoSchedule, PreferNoSchedule, NoExecute)`);
  }
}
