// IPv4 address arithmetic for simulated nodes: node podCIDRs carved out of a cluster
// CIDR (what kube-controller-manager's node-ipam controller does upstream, until kubets
// has one), pod IPs handed out inside a node's podCIDR, and node InternalIPs.

/** Thrown when a CIDR or an address is not IPv4 in dotted form. */
export class AddressFormatError extends Error {
  constructor(readonly input: string) {
    super(`not an IPv4 address or CIDR: ${JSON.stringify(input)}`);
    this.name = 'AddressFormatError';
  }
}

/** Thrown when a range has no free address or subnet left. */
export class AddressExhaustedError extends Error {
  constructor(readonly range: string) {
    super(`no free addresses left in ${range}`);
    this.name = 'AddressExhaustedError';
  }
}

export function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new AddressFormatError(text);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) throw new AddressFormatError(text);
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  /** The network address as a number. */
  readonly base: number;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr {
  const [ip, prefixText, ...rest] = text.split('/');
  if (ip === undefined || prefixText === undefined || rest.length > 0 || !/^\d{1,2}$/.test(prefixText)) throw new AddressFormatError(text);
  const prefix = Number(prefixText);
  if (prefix > 32) throw new AddressFormatError(text);
  const size = 2 ** (32 - prefix);
  return { base: parseIPv4(ip) - (parseIPv4(ip) % size), prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

/**
 * Hands out the subnets of one size inside a cluster CIDR, lowest first.
 * Contract: a subnet reserved or allocated is never allocated again; allocate() throws
 * AddressExhaustedError when every subnet is taken.
 */
export class SubnetAllocator {
  private readonly cluster: Cidr;
  private readonly used = new Set<number>();
  private next = 0;

  constructor(
    clusterCidr: string,
    private readonly subnetPrefix: number,
  ) {
    this.cluster = parseCidr(clusterCidr);
    if (subnetPrefix < this.cluster.prefix || subnetPrefix > 32) throw new AddressFormatError(`${clusterCidr} split into /${subnetPrefix}`);
  }

  /** Marks a subnet (e.g. an existing node's podCIDR) as taken; ignores one outside the range. */
  reserve(cidr: string): void {
    const parsed = parseCidr(cidr);
    if (parsed.prefix === this.subnetPrefix) this.used.add(parsed.base);
  }

  allocate(): string {
    const step = 2 ** (32 - this.subnetPrefix);
    const count = 2 ** (this.subnetPrefix - this.cluster.prefix);
    for (; this.next < count; this.next++) {
      const base = this.cluster.base + this.next * step;
      if (this.used.has(base)) continue;
      this.used.add(base);
      return formatCidr({ base, prefix: this.subnetPrefix });
    }
    throw new AddressExhaustedError(formatCidr(this.cluster));
  }
}

/**
 * The pod IPs of one node: hosts of its podCIDR from .2 up (.0 is the network, .1 the
 * bridge), skipping the broadcast address. One IP per pod uid.
 * Contract: two pods never hold the same IP; ipFor(uid) returns the same IP for a uid
 * until release(uid).
 */
export class PodIPAllocator {
  private readonly cidr: Cidr;
  private readonly byPod = new Map<string, number>();
  private readonly taken = new Set<number>();
  private cursor = 2;

  constructor(podCidr: string) {
    this.cidr = parseCidr(podCidr);
  }

  /** The pod's IP: `current` (an IP the pod already reports) when free, else a new one. */
  ipFor(uid: string, current?: string): string {
    const held = this.byPod.get(uid);
    if (held !== undefined) return formatIPv4(held);
    const wanted = current === undefined || current === '' ? undefined : this.inRange(current);
    const ip = wanted !== undefined && !this.taken.has(wanted) ? wanted : this.take();
    this.byPod.set(uid, ip);
    this.taken.add(ip);
    return formatIPv4(ip);
  }

  release(uid: string): void {
    const ip = this.byPod.get(uid);
    if (ip === undefined) return;
    this.byPod.delete(uid);
    this.taken.delete(ip);
  }

  private inRange(text: string): number | undefined {
    try {
      const ip = parseIPv4(text);
      return ip - (ip % this.size()) === this.cidr.base ? ip : undefined;
    } catch {
      return undefined;
    }
  }

  private size(): number {
    return 2 ** (32 - this.cidr.prefix);
  }

  private take(): number {
    const hosts = this.size() - 3;
    for (let tried = 0; tried < hosts; tried++) {
      const offset = this.cursor;
      this.cursor = this.cursor + 1 >= this.size() - 1 ? 2 : this.cursor + 1;
      const ip = this.cidr.base + offset;
      if (!this.taken.has(ip)) return ip;
    }
    throw new AddressExhaustedError(formatCidr(this.cidr));
  }
}
