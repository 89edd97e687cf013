// IP addresses as the bytes an X.509 subjectAltName carries (4 for IPv4, 16 for IPv6).
// node:net validates addresses but has no text-to-bytes conversion, hence this file.
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network-order bytes of an IPv4 or IPv6 address in text form, or undefined when the
 * text is not an address (it is then a DNS name). IPv6 zone ids ("fe80::1%eth0") have no
 * place in a certificate and count as not an address.
 */
export function ipAddressBytes(text: string): Buffer | undefined {
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  if (isIPv6(text) && !text.includes('%')) return ipv6Bytes(text);
  return undefined;
}

function ipv6Bytes(text: string): Buffer {
  const [head = '', tail] = text.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap(hexGroups) : []);
  const before = groups(head);
  const after = groups(tail);
  // "::" stands for as many zero groups as the address is short of eight.
  const zeros = tail === undefined ? [] : new Array<number>(8 - before.length - after.length).fill(0);
  const all = [...before, ...zeros, ...after];
  const out = Buffer.alloc(16);
  all.forEach((group, i) => out.writeUInt16BE(group, i * 2));
  return out;
}

/** One colon-separated piece: a hex group, or an embedded IPv4 address worth two groups. */
function hexGroups(piece: string): number[] {
  if (!piece.includes('.')) return [parseInt(piece, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
  return [a * 256 + b, c * 256 + d];
}
