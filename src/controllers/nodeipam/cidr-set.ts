// The node subnets of an IPv4 cluster CIDR (upstream's cidrset): the cluster range cut
// into equal subnets of `maskSize` bits, handed out lowest first, each at most once.

/** Thrown when a CIDR string is not IPv4 `a.b.c.d/n`, or the subnet size does not fit it. */
export class InvalidCidrError extends Error {
  constructor(readonly cidr: string) {
    super(`invalid CIDR address: ${cidr}`);
    this.name = 'InvalidCidrError';
  }
}

/** Thrown when every subnet of the cluster CIDR is taken (upstream's CIDRNotAvailable). */
export class CidrRangeFullError extends Error {
  constructor(readonly cidr: string) {
    super(`cidr range ${cidr} is full`);
    this.name = 'CidrRangeFullError';
  }
}

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `[base, prefixLength]` of an IPv4 CIDR, the base masked to the prefix. */
export function parseCidr(cidr: string): [number, number] {
  const [address, prefix, extra] = cidr.split('/');
  const base = parseIPv4(address ?? '');
  const bits = Number(prefix);
  if (base === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefix ?? '') || bits > 32) throw new InvalidCidrError(cidr);
  const size = 2 ** (32 - bits);
  return [Math.floor(base / size) * size, bits];
}

/**
 * Contract: allocate() returns the lowest subnet not taken and takes it; occupy() takes a
 * given subnet (false when it is not one of this set's); release() gives one back.
 */
export class CidrSet {
  private readonly base: number;
  private readonly subnetSize: number;
  private readonly count: number;
  private readonly taken = new Set<number>();

  constructor(
    readonly clusterCidr: string,
    readonly maskSize: number,
  ) {
    const [base, bits] = parseCidr(clusterCidr);
    if (maskSize < bits || maskSize > 32) throw new InvalidCidrError(`${clusterCidr} (node mask /${maskSize})`);
    this.base = base;
    this.subnetSize = 2 ** (32 - maskSize);
    this.count = 2 ** (maskSize - bits);
  }

  allocate(): string {
    for (let i = 0; i < this.count; i++) {
      if (this.taken.has(i)) continue;
      this.taken.add(i);
      return `${formatIPv4(this.base + i * this.subnetSize)}/${this.maskSize}`;
    }
    throw new CidrRangeFullError(this.clusterCidr);
  }

  occupy(cidr: string): boolean {
    const index = this.indexOf(cidr);
    if (index === undefined) return false;
    this.taken.add(index);
    return true;
  }

  release(cidr: string): void {
    const index = this.indexOf(cidr);
    if (index !== undefined) this.taken.delete(index);
  }

  private indexOf(cidr: string): number | undefined {
    let parsed: [number, number];
    try {
      parsed = parseCidr(cidr);
    } catch {
      return undefined;
    }
    const [base, bits] = parsed;
    const offset = base - this.base;
    if (bits !== this.maskSize || offset < 0 || offset % this.subnetSize !== 0 || offset / this.subnetSize >= this.count) return undefined;
    return offset / this.subnetSize;
  }
}
