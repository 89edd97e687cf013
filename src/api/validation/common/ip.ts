// IP addresses and CIDRs as upstream validates them (apimachinery's util/validation/ip.go
// over Go's net and net/netip parsers). Two parsers matter: the "sloppy" one that
// kube-apiserver has always accepted (IPv4 octets may carry leading zeros) and the strict
// one (netip), whose refusals become the extra messages; the canonical string is Go's
// net.IP.String (IPv4-mapped addresses print as IPv4, IPv6 compressed per RFC 5952).

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goQuote } from '../../../machinery/go-format.js';

/** A parsed address: 16 bytes, and whether it was written as IPv4 (dotted quad). */
export interface ParsedIP {
  readonly bytes: Uint8Array;
  /** Written as a.b.c.d (not IPv6 syntax). */
  readonly written4: boolean;
  /** Some IPv4 octet had a leading zero ("010"), which the strict parser refuses. */
  readonly leadingZeros: boolean;
}

const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4Octets(s: string): { octets: number[]; leadingZeros: boolean } | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  let leadingZeros = false;
  for (const part of parts) {
    if (!/^[0-9]+$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    octets.push(n);
  }
  return { octets, leadingZeros };
}

function parseIPv6Groups(s: string): { bytes: number[]; leadingZeros: boolean } | undefined {
  let text = s;
  let leadingZeros = false;
  // An IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4Octets(last);
    if (v4 === undefined) return undefined;
    leadingZeros = v4.leadingZeros;
    const [a = 0, b = 0, c = 0, d = 0] = v4.octets;
    text = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = hexGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? hexGroups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  let groups = head;
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  }
  if (groups.length !== 8) return undefined;
  return { bytes: groups.flatMap((g) => [g >> 8, g & 0xff]), leadingZeros };
}

function hexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const g of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

/** Go's ParseIPSloppy: undefined when the text is no IP address at all. */
export function parseIP(value: string): ParsedIP | undefined {
  if (value.includes(':')) {
    const v6 = parseIPv6Groups(value);
    return v6 === undefined ? undefined : { bytes: Uint8Array.from(v6.bytes), written4: false, leadingZeros: v6.leadingZeros };
  }
  const v4 = parseIPv4Octets(value);
  if (v4 === undefined) return undefined;
  return { bytes: Uint8Array.from([...V4_IN_V6_PREFIX, ...v4.octets]), written4: true, leadingZeros: v4.leadingZeros };
}

/** Whether the 16 bytes are an IPv4 address (Go's To4() != nil). */
export function isIPv4(ip: ParsedIP): boolean {
  return V4_IN_V6_PREFIX.every((b, i) => ip.bytes[i] === b);
}

/** Written in IPv6 syntax but carrying an IPv4 address (`::ffff:1.2.3.4`): netip's Is4In6. */
function is4In6(ip: ParsedIP): boolean {
  return !ip.written4 && isIPv4(ip);
}

/** Go's net.IP.String(). */
export function formatIP(ip: ParsedIP): string {
  const b = ip.bytes;
  if (isIPv4(ip)) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (g: number): string => g.toString(16);
  if (bestStart < 0) return groups.map(hex).join(':');
  const head = groups.slice(0, bestStart).map(hex).join(':');
  const tail = groups.slice(bestStart + bestLen).map(hex).join(':');
  return `${head}::${tail}`;
}

/** True for an IPv6 address (not IPv4 nor IPv4-mapped): netutils.IsIPv6String. */
export function isIPv6String(value: string): boolean {
  const ip = parseIP(value);
  return ip !== undefined && !isIPv4(ip);
}

function parseErrors(path: FieldPath, value: string, strict: boolean): [ParsedIP | undefined, FieldErrorList] {
  const ip = parseIP(value);
  if (ip === undefined) return [undefined, [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]];
  const errs: FieldErrorList = [];
  if (strict) {
    if (ip.leadingZeros) errs.push(invalid(path, value, 'must not have leading 0s'));
    if (is4In6(ip)) errs.push(invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
  }
  return [ip, errs];
}

/** IsValidIPForLegacyField with strict validation (the default): values in `validOld` pass as they are. */
export function validateIPForLegacyField(path: FieldPath, value: string, validOld: readonly string[] = []): FieldErrorList {
  return validOld.includes(value) ? [] : parseErrors(path, value, true)[1];
}

/** IsValidIP: a valid IP address in canonical form. */
export function validateIP(path: FieldPath, value: string): FieldErrorList {
  const [ip, errs] = parseErrors(path, value, true);
  if (ip === undefined || errs.length > 0) return errs;
  const canonical = formatIP(ip);
  return value === canonical ? [] : [invalid(path, value, `must be in canonical form (${goQuote(canonical)})`)];
}

/** A parsed CIDR: the network address (masked) and the prefix length. */
export interface ParsedCIDR {
  readonly ip: ParsedIP;
  readonly network: ParsedIP;
  readonly bits: number;
  readonly prefixLeadingZeros: boolean;
}

/** Go's ParseCIDRSloppy. */
export function parseCIDR(value: string): ParsedCIDR | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(value.slice(0, slash));
  const prefix = value.slice(slash + 1);
  if (ip === undefined || !/^[0-9]+$/.test(prefix)) return undefined;
  const bits = Number(prefix);
  const v4 = ip.written4;
  if (bits > (v4 ? 32 : 128)) return undefined;
  const total = v4 ? bits + 96 : bits;
  const masked = ip.bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, total - i * 8));
    return byte & (0xff << (8 - keep)) & 0xff;
  });
  return { ip, network: { ...ip, bytes: masked }, bits, prefixLeadingZeros: prefix.length > 1 && prefix.startsWith('0') };
}

/** Go's IPNet.String(). */
export function formatCIDR(cidr: ParsedCIDR): string {
  return `${formatIP(cidr.network)}/${cidr.bits}`;
}

/** IsValidCIDR: a subnet (no host bits) in canonical form. */
export function validateCIDR(path: FieldPath, value: string): FieldErrorList {
  const cidr = parseCIDR(value);
  if (cidr === undefined) return [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  if (cidr.ip.leadingZeros || cidr.prefixLeadingZeros) return [invalid(path, value, 'must not have leading 0s in IP or prefix length')];
  if (is4In6(cidr.ip)) return [invalid(path, value, 'must not have an IPv4-mapped IPv6 address')];
  if (cidr.ip.bytes.some((b, i) => b !== cidr.network.bytes[i])) return [invalid(path, value, 'must not have bits set beyond the prefix length')];
  const canonical = formatCIDR(cidr);
  return value === canonical ? [] : [invalid(path, value, `must be in canonical form (${goQuote(canonical)})`)];
}

/** netutils.IsDualStackIPStrings / IsDualStackCIDRStrings: both families present. */
export function isDualStack(values: readonly string[], parse: (v: string) => ParsedIP | undefined = parseIP): boolean {
  let v4 = false;
  let v6 = false;
  for (const v of values) {
    const ip = parse(v);
    if (ip === undefined) return false;
    if (isIPv4(ip)) v4 = true;
    else v6 = true;
  }
  return v4 && v6;
}

/** isDualStack over CIDR strings. */
export function isDualStackCIDRs(values: readonly string[]): boolean {
  return isDualStack(values, (v) => parseCIDR(v)?.ip);
}

/** ValidateNonSpecialIP: not unspecified, loopback or link-local (Endpoints, external IPs). */
export function validateNonSpecialIP(value: string, path: FieldPath): FieldErrorList {
  const ip = parseIP(value);
  if (ip === undefined) return [invalid(path, value, 'must be a valid IP address')];
  const b = ip.bytes;
  const v4 = isIPv4(ip);
  const errs: FieldErrorList = [];
  const all = (from: number, to: number, byte: number): boolean => b.slice(from, to).every((x) => x === byte);
  if (v4 ? all(12, 16, 0) : all(0, 16, 0)) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  if (v4 ? b[12] === 127 : all(0, 15, 0) && b[15] === 1) {
    errs.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  }
  if (v4 ? b[12] === 169 && b[13] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80) {
    errs.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (v4 ? b[12] === 224 && b[13] === 0 && b[14] === 0 : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02) {
    errs.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}
