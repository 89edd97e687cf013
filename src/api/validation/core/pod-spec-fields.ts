// The smaller parts of a pod spec: enumerations, DNS settings, host aliases, readiness
// and scheduling gates, image pull secrets, resource claims, host-network port rules.

import { duplicate, invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { maxLenError, nameIsDNSSubdomain, regexError } from '../../../machinery/name-validation.js';
import { has, num, objects, optStr, str, strings, type Json } from '../common/json.js';
import { validateDNS1123Label, validateObjectName, validateQualifiedName } from '../common/names.js';
import { validateIP } from '../common/ip.js';
import { localObjectReferenceValue } from './internal-values.js';
import type { PodValidationOptions } from './pod-options.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** A required value of an enumeration (listed in the order upstream lists it). */
export function validateRequiredEnum(value: string, values: readonly string[], path: FieldPath): FieldErrorList {
  if (value === '') return [required(path)];
  return values.includes(value) ? [] : [notSupported(path, value, values)];
}

export function validateRestartPolicy(policy: string, path: FieldPath): FieldErrorList {
  return validateRequiredEnum(policy, RESTART_POLICIES, path);
}

export function validateDNSPolicy(policy: string, path: FieldPath): FieldErrorList {
  return validateRequiredEnum(policy, DNS_POLICIES, path);
}

export function validatePreemptionPolicy(policy: string, path: FieldPath): FieldErrorList {
  return validateRequiredEnum(policy, PREEMPTION_POLICIES, path);
}

const SUBDOMAIN_WITH_UNDERSCORE_LABEL = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_WITH_UNDERSCORE = `${SUBDOMAIN_WITH_UNDERSCORE_LABEL}(\\.${SUBDOMAIN_WITH_UNDERSCORE_LABEL})*`;
const SUBDOMAIN_WITH_UNDERSCORE_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";

/** A DNS search domain; 1.36 accepts underscores and a lone "." (RelaxedDNSSearchValidation). */
function searchErrors(search: string): string[] {
  if (search === '.') return [];
  const s = search.endsWith('.') ? search.slice(0, -1) : search;
  const errs: string[] = [];
  if (goLen(s) > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^(?:${SUBDOMAIN_WITH_UNDERSCORE})$`).test(s)) {
    errs.push(regexError(SUBDOMAIN_WITH_UNDERSCORE_MSG, SUBDOMAIN_WITH_UNDERSCORE, 'example.com'));
  }
  return errs;
}

/** `dnsConfig`: required nameservers for dnsPolicy None; limits on nameservers and searches. */
export function validatePodDNSConfig(config: Json | undefined, dnsPolicy: string, path: FieldPath): FieldErrorList {
  if (dnsPolicy === 'None') {
    if (config === undefined) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (strings(config, 'nameservers').length === 0) {
      return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (config === undefined) return [];
  const errs: FieldErrorList = [];
  const nameservers = strings(config, 'nameservers');
  if (nameservers.length > 3) errs.push(invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(path.child('nameservers').index(i), ns)));
  const searches = strings(config, 'searches');
  if (searches.length > 32) errs.push(invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (goLen(searches.join(' ')) > 2048) {
    errs.push(invalid(path.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') && s !== '.' ? s.slice(0, -1) : s;
    errs.push(...searchErrors(s).map((m) => invalid(path.child('searches').index(i), trimmed, m)));
  });
  objects(config, 'options').forEach((o, i) => {
    if (str(o, 'name') === '') errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** `hostAliases`: canonical IPs and DNS-subdomain host names. */
export function validateHostAliases(aliases: readonly Json[], path: FieldPath): FieldErrorList {
  return aliases.flatMap((alias, i) => [
    ...validateIP(path.index(i).child('ip'), str(alias, 'ip')),
    ...strings(alias, 'hostnames').flatMap((h, j) => validateObjectName(nameIsDNSSubdomain, h, path.index(i).child('hostnames').index(j))),
  ]);
}

/** `readinessGates`: condition types are qualified names. */
export function validateReadinessGates(gates: readonly Json[], path: FieldPath): FieldErrorList {
  return gates.flatMap((g, i) => validateQualifiedName(str(g, 'conditionType'), path.index(i).child('conditionType')));
}

/** `schedulingGates`: qualified names, no duplicates. */
export function validateSchedulingGates(gates: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  gates.forEach((g, i) => {
    const name = str(g, 'name');
    errs.push(...validateQualifiedName(name, path.index(i)));
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
  });
  return errs;
}

/** `imagePullSecrets`: only the name may be set. */
export function validateImagePullSecrets(secrets: readonly Json[], path: FieldPath): FieldErrorList {
  return secrets.flatMap((ref, i) => (Object.keys(ref).some((k) => k !== 'name') ? [invalid(path.index(i), localObjectReferenceValue(ref), 'only name may be set')] : []));
}

/** `resourceClaims`: unique DNS-label names, each naming exactly one claim or template. */
export function validatePodResourceClaims(claims: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  claims.forEach((claim, i) => {
    const idx = path.index(i);
    const name = str(claim, 'name');
    if (name === '') errs.push(required(idx.child('name')));
    else if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else {
      errs.push(...validateDNS1123Label(name, idx.child('name')));
      names.add(name);
    }
    const claimName = optStr(claim, 'resourceClaimName');
    const templateName = optStr(claim, 'resourceClaimTemplateName');
    if (claimName !== undefined && templateName !== undefined) {
      errs.push(invalid(idx, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (claimName === undefined && templateName === undefined) {
      errs.push(invalid(idx, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
    if (claimName !== undefined) errs.push(...validateObjectName(nameIsDNSSubdomain, claimName, idx.child('resourceClaimName')));
    if (templateName !== undefined) errs.push(...validateObjectName(nameIsDNSSubdomain, templateName, idx.child('resourceClaimTemplateName')));
  });
  return errs;
}

/** With hostNetwork, host ports equal container ports (a template may leave them 0, defaulted later). */
export function validatePodHostNetworkDeps(spec: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldErrorList = [];
  objects(spec, 'containers').forEach((c, i) => {
    objects(c, 'ports').forEach((port, j) => {
      const hostPort = num(port, 'hostPort');
      if ((opts.resourceIsPod || hostPort !== 0) && hostPort !== num(port, 'containerPort')) {
        const p = path.child('containers').index(i).child('ports').index(j).child('hostPort');
        errs.push(invalid(p, hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

/** `activeDeadlineSeconds` of a new spec: 1 to 2^31-1. */
export function validateActiveDeadline(spec: Json, path: FieldPath): FieldErrorList {
  if (!has(spec, 'activeDeadlineSeconds')) return [];
  const v = num(spec, 'activeDeadlineSeconds');
  return v < 1 || v > 2 ** 31 - 1 ? [invalid(path, v, 'must be between 1 and 2147483647, inclusive')] : [];
}

