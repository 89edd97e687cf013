// EndpointSlice validation (upstream's pkg/apis/discovery/validation): a known address
// type, immutable after create; endpoints with 1–100 addresses of that type (IPs that are
// not special, or domain names), topology labels, DNS label hostnames, node names and
// zone/node hints; uniquely named ports of known protocols.

import { duplicate, invalid, notSupported, required, root, tooMany, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField, validateLabels } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, optStr, str, stringMap, strings, type Json } from '../common/json.js';
import { isIPv4, parseIP, validateNonSpecialIP } from '../common/ip.js';
import { validateObjectMetaOf } from '../common/meta.js';
import { validateDNS1123Label } from '../common/names.js';
import type { ResourceValidator } from '../validator.js';

/** Sorted, as upstream's sets list them in messages. */
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
/** Accepted on update only: slices stored before it was deprecated. */
const DEPRECATED_ADDRESS_TYPES = ['IP'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;
const MAX_HINTS = 8;

function validateAddressType(type: string, allowed: readonly string[]): FieldErrorList {
  const path = root('addressType');
  if (type === '') return [required(path, '')];
  return allowed.includes(type) ? [] : [notSupported(path, type, allowed)];
}

/** IsFullyQualifiedDomainName: a DNS subdomain of at least two labels (a trailing dot allowed). */
function validateFQDN(path: FieldPath, value: string): FieldErrorList {
  if (value === '') return [required(path, '')];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length > 0) return [invalid(path, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(path, label, errs.join(','))];
  }
  return [];
}

function validateAddress(type: string, address: string, path: FieldPath): FieldErrorList {
  const ip = parseIP(address);
  switch (type) {
    case 'IP':
      return ip === undefined ? [invalid(path, address, 'must be a valid IP address')] : [];
    case 'IPv4':
      return ip === undefined || !isIPv4(ip) ? [invalid(path, address, 'must be a valid IPv4 address')] : validateNonSpecialIP(address, path);
    case 'IPv6':
      return ip === undefined || isIPv4(ip) ? [invalid(path, address, 'must be a valid IPv6 address')] : validateNonSpecialIP(address, path);
    case 'FQDN':
      return validateFQDN(path, address);
    default:
      // Unknown types are reported once, at addressType.
      return [];
  }
}

/** Zone hints are label values, node hints node names; each list at most 8 long, without repeats. */
function validateHintList(hints: readonly Json[], path: FieldPath, check: (name: string) => string[]): FieldErrorList {
  if (hints.length > MAX_HINTS) return [tooMany(path, hints.length, MAX_HINTS)];
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  hints.forEach((hint, i) => {
    const name = str(hint, 'name');
    const namePath = path.index(i).child('name');
    if (seen.has(name)) errs.push(duplicate(namePath, name));
    seen.add(name);
    for (const message of check(name)) errs.push(invalid(namePath, name, message));
  });
  return errs;
}

function validateEndpoint(endpoint: Json, type: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const addresses = strings(endpoint, 'addresses');
  const addressPath = path.child('addresses');
  if (addresses.length === 0) errs.push(required(addressPath, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressPath, addresses.length, MAX_ADDRESSES));
  addresses.forEach((address, i) => errs.push(...validateAddress(type, address, addressPath.index(i))));

  const topology = stringMap(endpoint, 'deprecatedTopology');
  const topologyPath = path.child('deprecatedTopology');
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(topologyPath, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  errs.push(...validateLabels(topology, topologyPath));

  const hostname = optStr(endpoint, 'hostname');
  if (hostname !== undefined) errs.push(...validateDNS1123Label(hostname, path.child('hostname')));
  const nodeName = optStr(endpoint, 'nodeName');
  if (nodeName !== undefined) errs.push(...nameIsDNSSubdomain(nodeName, false).map((m) => invalid(path.child('nodeName'), nodeName, m)));
  const hints = obj(endpoint, 'hints');
  if (hints !== undefined) {
    errs.push(...validateHintList(objects(hints, 'forZones'), path.child('hints', 'forZones'), isValidLabelValue));
    errs.push(...validateHintList(objects(hints, 'forNodes'), path.child('hints', 'forNodes'), (n) => nameIsDNSSubdomain(n, false)));
  }
  return errs;
}

function validatePorts(ports: readonly Json[]): FieldErrorList {
  const path = root('ports');
  if (ports.length > MAX_PORTS) return [tooMany(path, ports.length, MAX_PORTS)];
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port, 'name');
    if (name !== '') errs.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    names.add(name);
    const protocol = optStr(port, 'protocol');
    if (protocol === undefined) errs.push(required(p.child('protocol'), ''));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(p.child('protocol'), protocol, PROTOCOLS));
    const appProtocol = optStr(port, 'appProtocol');
    if (appProtocol !== undefined) errs.push(...isQualifiedName(appProtocol).map((m) => invalid(p.child('appProtocol'), appProtocol, m)));
  });
  return errs;
}

function validateEndpointSlice(slice: ApiObject, addressTypes: readonly string[]): FieldErrorList {
  const type = str(slice, 'addressType');
  const errs = [...validateObjectMetaOf(slice, true, nameIsDNSSubdomain), ...validateAddressType(type, addressTypes)];
  const endpoints = objects(slice, 'endpoints');
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany(root('endpoints'), endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((e, i) => errs.push(...validateEndpoint(e, type, root('endpoints').index(i))));
  return [...errs, ...validatePorts(objects(slice, 'ports'))];
}

export const endpointSliceValidator: ResourceValidator = {
  validate: (slice) => validateEndpointSlice(slice, ADDRESS_TYPES),
  validateUpdate: (slice, old) => [
    ...validateEndpointSlice(slice, [...ADDRESS_TYPES, ...DEPRECATED_ADDRESS_TYPES].sort()),
    ...validateImmutableField(str(slice, 'addressType'), str(old, 'addressType'), root('addressType')),
  ],
};
