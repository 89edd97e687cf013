// NetworkPolicy validation: upstream's ValidateNetworkPolicy / ValidateNetworkPolicyUpdate.
// Ports are numbers (with an optional endPort) or names; each peer is exactly one of pod
// selector, namespace selector (these two may combine) or IP block.

import {
  forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, objOrEmpty, optNum, str, strings, type Json } from '../common/json.js';
import { parseCIDR, type ParsedCIDR } from '../common/ip.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { hasInvalidLabelValue } from '../apps/workload-selector.js';
import type { ResourceValidator } from '../validator.js';
import { validateCIDRForLegacyField } from './cidr.js';

const SPEC = root('spec');
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

interface Options {
  readonly allowInvalidLabelValueInSelector: boolean;
  /** CIDRs the stored policy already has, accepted as they are. */
  readonly validOldCIDRs: readonly string[];
}

function validatePort(port: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const protocol = port.protocol;
  if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol)) errs.push(notSupported(path.child('protocol'), protocol, PROTOCOLS));
  const endPort = optNum(port, 'endPort');
  const endPath = path.child('endPort');
  const value = port.port;
  if (typeof value === 'number') {
    errs.push(...isValidPortNum(value).map((msg) => invalid(path.child('port'), value, msg)));
    if (endPort !== undefined) {
      // Upstream shows the port, not the end port, in this message.
      if (endPort < value) errs.push(invalid(endPath, value, 'must be greater than or equal to `port`'));
      errs.push(...isValidPortNum(endPort).map((msg) => invalid(endPath, endPort, msg)));
    }
  } else if (typeof value === 'string') {
    if (endPort !== undefined) errs.push(invalid(endPath, endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...isValidPortName(value).map((msg) => invalid(path.child('port'), value, msg)));
  } else if (endPort !== undefined) {
    errs.push(invalid(endPath, endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** Whether `inner` lies inside `outer` and is strictly smaller (same family). */
function isStrictSubset(inner: ParsedCIDR, outer: ParsedCIDR): boolean {
  if (inner.ip.written4 !== outer.ip.written4) return false;
  const offset = outer.ip.written4 ? 96 : 0;
  const prefix = outer.bits + offset;
  for (let bit = 0; bit < prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((inner.network.bytes[byte] ?? 0) & mask) !== ((outer.network.bytes[byte] ?? 0) & mask)) return false;
  }
  return outer.bits < inner.bits;
}

function validateIPBlock(block: Json, path: FieldPath, opts: Options): FieldErrorList {
  const cidr = str(block, 'cidr');
  if (cidr === '') return [required(path.child('cidr'), '')];
  const errs = validateCIDRForLegacyField(path.child('cidr'), cidr, opts.validOldCIDRs);
  const outer = parseCIDR(cidr);
  if (outer === undefined) return errs;
  strings(block, 'except').forEach((except, i) => {
    const exceptPath = path.child('except').index(i);
    errs.push(...validateCIDRForLegacyField(exceptPath, except, opts.validOldCIDRs));
    const inner = parseCIDR(except);
    if (inner !== undefined && !isStrictSubset(inner, outer)) errs.push(invalid(exceptPath, except, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: Json, path: FieldPath, opts: Options): FieldErrorList {
  const errs: FieldErrorList = [];
  let peers = 0;
  for (const field of ['podSelector', 'namespaceSelector']) {
    const selector = obj(peer, field);
    if (selector === undefined) continue;
    peers++;
    errs.push(...validateLabelSelector(selector, path.child(field), opts));
  }
  const ipBlock = obj(peer, 'ipBlock');
  if (ipBlock !== undefined) {
    peers++;
    errs.push(...validateIPBlock(ipBlock, path.child('ipBlock'), opts));
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'));
  else if (peers > 1 && ipBlock !== undefined) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateRules(spec: Json, direction: 'ingress' | 'egress', path: FieldPath, opts: Options): FieldErrorList {
  const peersField = direction === 'ingress' ? 'from' : 'to';
  return objects(spec, direction).flatMap((rule, i) => {
    const rulePath = path.child(direction).index(i);
    return [
      ...objects(rule, 'ports').flatMap((port, j) => validatePort(port, rulePath.child('ports').index(j))),
      ...objects(rule, peersField).flatMap((peer, j) => validatePeer(peer, rulePath.child(peersField).index(j), opts)),
    ];
  });
}

function validateSpec(spec: Json, path: FieldPath, opts: Options): FieldErrorList {
  const errs = [
    ...validateLabelSelector(objOrEmpty(spec, 'podSelector'), path.child('podSelector'), opts),
    ...validateRules(spec, 'ingress', path, opts),
    ...validateRules(spec, 'egress', path, opts),
  ];
  const policyTypes = strings(spec, 'policyTypes');
  if (policyTypes.length > POLICY_TYPES.length) {
    return [...errs, invalid(path.child('policyTypes'), policyTypes, 'may not specify more than two policyTypes')];
  }
  policyTypes.forEach((type, i) => {
    if (!POLICY_TYPES.includes(type)) errs.push(notSupported(path.child('policyTypes').index(i), type, POLICY_TYPES));
  });
  return errs;
}

/** Every CIDR of the stored policy's IP blocks. */
function cidrsOf(policy: ApiObject): string[] {
  const spec = objOrEmpty(policy, 'spec');
  const peers = [
    ...objects(spec, 'ingress').flatMap((rule) => objects(rule, 'from')),
    ...objects(spec, 'egress').flatMap((rule) => objects(rule, 'to')),
  ];
  return peers.flatMap((peer) => {
    const block = obj(peer, 'ipBlock');
    return block === undefined ? [] : [str(block, 'cidr'), ...strings(block, 'except')];
  });
}

export const networkPolicyValidator: ResourceValidator = {
  validate: (policy) => [
    ...validateObjectMetaOf(policy, true, nameIsDNSSubdomain),
    ...validateSpec(objOrEmpty(policy, 'spec'), SPEC, { allowInvalidLabelValueInSelector: false, validOldCIDRs: [] }),
  ],
  validateUpdate: (policy, old) => {
    const oldSpec = objOrEmpty(old, 'spec');
    const opts: Options = {
      allowInvalidLabelValueInSelector: hasInvalidLabelValue(oldSpec.podSelector),
      validOldCIDRs: cidrsOf(old),
    };
    return [...validateObjectMetaUpdateOf(policy, old), ...validateSpec(objOrEmpty(policy, 'spec'), SPEC, opts)];
  },
};

