// The cluster IP fields of a Service (clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy)
// on create and on update (upstream's ValidateServiceClusterIPsRelatedFields,
// validateUpgradeDowngradeClusterIPs, validateUpgradeDowngradeIPFamilies).

import { duplicate, invalid, notSupported, required, root, type FieldErrorList } from '../../../machinery/field-errors.js';
import { objOrEmpty, optStr, str, strings, type Json } from '../common/json.js';
import { isDualStack, isIPv6String, validateIP } from '../common/ip.js';
import type { ApiObject } from '../../strategy.js';

const SPEC = root('spec');
const CLUSTER_IPS = SPEC.child('clusterIPs');
const IP_FAMILIES = SPEC.child('ipFamilies');
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export function serviceSpec(svc: ApiObject): Json {
  return objOrEmpty(svc, 'spec');
}

/** One cluster IP, "None". */
export function isHeadless(spec: Json): boolean {
  const ips = strings(spec, 'clusterIPs');
  return ips.length === 1 && ips[0] === 'None';
}

function syncAndFamilies(spec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  const clusterIP = str(spec, 'clusterIP');
  const clusterIPs = strings(spec, 'clusterIPs');
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errs.push(required(CLUSTER_IPS));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid(CLUSTER_IPS, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid(CLUSTER_IPS, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  strings(spec, 'ipFamilies').forEach((family, i) => {
    if (!FAMILIES.includes(family)) errs.push(notSupported(IP_FAMILIES.index(i), family, FAMILIES));
    if (seen.has(family)) errs.push(duplicate(IP_FAMILIES.index(i), family));
    seen.add(family);
  });
  const policy = optStr(spec, 'ipFamilyPolicy');
  if (policy !== undefined && !FAMILY_POLICIES.includes(policy)) errs.push(notSupported(SPEC.child('ipFamilyPolicy'), policy, FAMILY_POLICIES));
  return errs;
}

/** clusterIP/clusterIPs in sync, valid families and policy, valid dual-stack IPs matching the families. */
export function validateClusterIPsRelatedFields(spec: Json): FieldErrorList {
  if (str(spec, 'type') === 'ExternalName') return [];
  const errs = syncAndFamilies(spec);
  const clusterIPs = strings(spec, 'clusterIPs');
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errs.push(invalid(CLUSTER_IPS, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = validateIP(CLUSTER_IPS.index(i), ip);
    invalidIPs ||= ipErrs.length > 0;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalid(CLUSTER_IPS, clusterIPs, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (clusterIPs.length > 1 && !isDualStack(clusterIPs)) errs.push(invalid(CLUSTER_IPS, clusterIPs, 'may specify no more than one IP for each IP family'));
  const families = strings(spec, 'ipFamilies');
  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) {
        errs.push(invalid(CLUSTER_IPS.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !isIPv6String(ip)) {
        errs.push(invalid(CLUSTER_IPS.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

function singleStackRequired(spec: Json, what: string): FieldErrorList {
  const policy = optStr(spec, 'ipFamilyPolicy');
  if (policy === 'SingleStack') return [];
  return [invalid(SPEC.child('ipFamilyPolicy'), policy ?? null, `must be set to 'SingleStack' when releasing the secondary ${what}`)];
}

/** clusterIPs may gain or lose a secondary IP, never change the primary. */
export function validateClusterIPsUpdate(spec: Json, oldSpec: Json): FieldErrorList {
  if (str(spec, 'type') === 'ExternalName' || str(oldSpec, 'type') === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const next = strings(spec, 'clusterIPs');
  const prev = strings(oldSpec, 'clusterIPs');
  const errs: FieldErrorList = [];
  const changed = invalid(CLUSTER_IPS.index(0), next, 'may not change once set');
  if (prev.length === next.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push(invalid(CLUSTER_IPS.index(i), next, 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0) errs.push(invalid(CLUSTER_IPS.index(0), next, 'primary clusterIP can not be unset'));
    if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) errs.push(changed);
    if (next.length === 1) errs.push(...singleStackRequired(spec, 'clusterIP'));
  } else if (prev.length > 0 && next[0] !== prev[0]) {
    errs.push(changed);
  }
  return errs;
}

/** ipFamilies may gain or lose a secondary family, never change the primary (headless services may). */
export function validateIPFamiliesUpdate(spec: Json, oldSpec: Json): FieldErrorList {
  if (str(spec, 'type') === 'ExternalName' || str(oldSpec, 'type') === 'ExternalName') return [];
  if (isHeadless(spec) !== isHeadless(oldSpec) || isHeadless(spec)) return [];
  const next = strings(spec, 'ipFamilies');
  const prev = strings(oldSpec, 'ipFamilies');
  const clusterIPs = strings(spec, 'clusterIPs');
  const errs: FieldErrorList = [];
  if (prev.length === next.length) {
    prev.forEach((f, i) => {
      if (f !== next[i]) errs.push(invalid(IP_FAMILIES.index(0), next, 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (clusterIPs.length === 0) errs.push(invalid(IP_FAMILIES.index(0), next, 'primary ipFamily can not be unset'));
    // Upstream prints the cluster IPs, not the families, in this message.
    if (next.length > 0 && next[0] !== prev[0]) errs.push(invalid(IP_FAMILIES.index(0), clusterIPs, 'may not change once set'));
    if (next.length === 1) errs.push(...singleStackRequired(spec, 'ipFamily'));
  } else if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid(IP_FAMILIES.index(0), clusterIPs, 'may not change once set'));
  }
  return errs;
}
