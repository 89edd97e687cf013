// CIDR fields that older servers validated loosely (upstream's IsValidCIDRForLegacyField
// with the StrictIPCIDRValidation gate on): a new value must parse and must not have
// leading zeros, an IPv4-mapped address or host bits; values already stored pass as they are.

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { parseCIDR } from '../common/ip.js';

export function validateCIDRForLegacyField(path: FieldPath, value: string, validOld: readonly string[]): FieldErrorList {
  if (validOld.includes(value)) return [];
  const cidr = parseCIDR(value);
  if (cidr === undefined) return [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  if (cidr.ip.leadingZeros || cidr.prefixLeadingZeros) return [invalid(path, value, 'must not have leading 0s in IP or prefix length')];
  const mapped = !cidr.ip.written4 && cidr.ip.bytes.slice(0, 12).every((b, i) => b === (i < 10 ? 0 : 0xff));
  if (mapped) return [invalid(path, value, 'must not have an IPv4-mapped IPv6 address')];
  if (cidr.ip.bytes.some((b, i) => b !== cidr.network.bytes[i])) return [invalid(path, value, 'must not have bits set beyond the prefix length')];
  return [];
}
