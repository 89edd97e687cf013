// IPv4 service CIDRs: parsing `10.96.0.0/12` and naming the addresses inside it.

/** Thrown when a --service-cluster-ip-range value is not an IPv4 CIDR kubets can serve. */
export class CidrError extends Error {}

export interface Cidr {
  readonly text: string;
  /** The network address as a 32-bit number. */
  readonly base: number;
  readonly prefix: number;
  /** Number of addresses, including the network and broadcast addresses. */
  readonly size: number;
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function parseCidr(text: string): Cidr {
  const [address = '', prefixText = ''] = text.split('/');
  const ip = parseIPv4(address);
  const prefix = Number(prefixText);
  if (ip === undefined || !/^\d+$/.test(prefixText) || prefix < 8 || prefix > 30) {
    throw new CidrError(`service CIDR "${text}" is not an IPv4 CIDR with a prefix between /8 and /30`);
  }
  const size = 2 ** (32 - prefix);
  const base = ip - (ip % size);
  return { text: `${formatIPv4(base)}/${prefix}`, base, prefix, size };
}

export function contains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

/** Usable service addresses: all but the network address and the broadcast address. */
export function usable(cidr: Cidr, ip: number): boolean {
  return ip > cidr.base && ip < cidr.base + cidr.size - 1;
}
