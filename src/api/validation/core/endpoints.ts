// Endpoints (upstream's ValidateEndpoints): each subset has addresses, each address a
// usable IP, ports named when there are several.

import { invalid, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { num, objects, optStr, str, type Json } from '../common/json.js';
import { validateIP, validateNonSpecialIP } from '../common/ip.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateDNS1123Label, validateQualifiedName } from '../common/names.js';
import { validatePortNumber, validateProtocol } from '../common/ports.js';

function validateAddress(address: Json, path: FieldPath): FieldErrorList {
  const ip = str(address, 'ip');
  const errs = validateIP(path.child('ip'), ip);
  const hostname = str(address, 'hostname');
  if (hostname !== '') errs.push(...validateDNS1123Label(hostname, path.child('hostname')));
  const nodeName = optStr(address, 'nodeName');
  if (nodeName !== undefined) errs.push(...nameIsDNSSubdomain(nodeName, false).map((m) => invalid(path.child('nodeName'), nodeName, m)));
  return [...errs, ...validateNonSpecialIP(ip, path.child('ip'))];
}

function validatePort(port: Json, requireName: boolean, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(port, 'name');
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  errs.push(...validatePortNumber(num(port, 'port'), path.child('port')), ...validateProtocol(str(port, 'protocol'), path.child('protocol')));
  const appProtocol = optStr(port, 'appProtocol');
  if (appProtocol !== undefined) errs.push(...validateQualifiedName(appProtocol, path.child('appProtocol')));
  return errs;
}

/** Endpoints, on create and (after the metadata rules) on update. */
export function validateEndpoints(ep: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(ep, true, nameIsDNSSubdomain);
  objects(ep, 'subsets').forEach((subset, i) => {
    const idx = root('subsets').index(i);
    const addresses = objects(subset, 'addresses');
    const notReady = objects(subset, 'notReadyAddresses');
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, idx.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, idx.child('notReadyAddresses').index(j))));
    const ports = objects(subset, 'ports');
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, idx.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpointsUpdate(ep: ApiObject, old: ApiObject): FieldErrorList {
  return [...validateObjectMetaUpdateOf(ep, old), ...validateEndpoints(ep)];
}
