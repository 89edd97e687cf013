// Service (upstream's ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate):
// ports, type-specific rules (ExternalName, NodePort, LoadBalancer), session affinity,
// cluster IPs, external IPs, traffic policies; on update the cluster IPs and families
// keep their primary values.

import {
  duplicate, forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { isDNS1123Subdomain, nameIsDNS1035Label } from '../../../machinery/name-validation.js';
import { validateLabels } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { has, num, obj, objects, optNum, optStr, str, stringMap, strings, type Json } from '../common/json.js';
import { parseIP, validateCIDR, validateIP, validateNonSpecialIP } from '../common/ip.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateDNS1123Label, validateQualifiedName } from '../common/names.js';
import { validatePortNumOrName, validatePortNumber, validateProtocol } from '../common/ports.js';
import { servicePortKey } from './internal-values.js';
import { isHeadless, serviceSpec, validateClusterIPsRelatedFields, validateClusterIPsUpdate, validateIPFamiliesUpdate } from './service-cluster-ips.js';

const SPEC = root('spec');
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

function validateServicePort(port: Json, requireName: boolean, names: Set<string>, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(port, 'name');
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  errs.push(...validatePortNumber(num(port, 'port'), path.child('port')));
  errs.push(...validateProtocol(str(port, 'protocol'), path.child('protocol')));
  errs.push(...validatePortNumOrName(port.targetPort, path.child('targetPort')));
  const appProtocol = optStr(port, 'appProtocol');
  if (appProtocol !== undefined) errs.push(...validateQualifiedName(appProtocol, path.child('appProtocol')));
  return errs;
}

function typeSpecific(spec: Json): FieldErrorList {
  const type = str(spec, 'type');
  const headless = isHeadless(spec);
  const first = strings(spec, 'clusterIPs')[0] ?? '';
  if (type === 'LoadBalancer' && headless) return [invalid(SPEC.child('clusterIPs').index(0), first, "may not be set to 'None' for LoadBalancer services")];
  if (type === 'NodePort' && headless) return [invalid(SPEC.child('clusterIPs').index(0), first, "may not be set to 'None' for NodePort services")];
  if (type !== 'ExternalName') return [];
  const errs: FieldErrorList = [];
  const detail = 'may not be set for ExternalName services';
  if (strings(spec, 'clusterIPs').length > 0) errs.push(forbidden(SPEC.child('clusterIPs'), detail));
  if (strings(spec, 'ipFamilies').length > 0) errs.push(forbidden(SPEC.child('ipFamilies'), detail));
  if (has(spec, 'ipFamilyPolicy')) errs.push(forbidden(SPEC.child('ipFamilyPolicy'), detail));
  // A trailing dot marks the CNAME as fully qualified.
  const cname = str(spec, 'externalName').replace(/\.$/, '');
  if (cname === '') errs.push(required(SPEC.child('externalName')));
  else errs.push(...isDNS1123Subdomain(cname).map((m) => invalid(SPEC.child('externalName'), cname, m)));
  return errs;
}

function sessionAffinity(spec: Json): FieldErrorList {
  const affinity = str(spec, 'sessionAffinity');
  const path = SPEC.child('sessionAffinityConfig');
  if (affinity === '') return [required(SPEC.child('sessionAffinity'))];
  if (!AFFINITIES.includes(affinity)) return [notSupported(SPEC.child('sessionAffinity'), affinity, AFFINITIES)];
  if (affinity === 'None') return has(spec, 'sessionAffinityConfig') ? [forbidden(path, 'must not be set when session affinity is None')] : [];
  const when = 'when session affinity type is ClientIP';
  const config = obj(spec, 'sessionAffinityConfig');
  if (config === undefined) return [required(path, when)];
  const clientIP = obj(config, 'clientIP');
  if (clientIP === undefined) return [required(path.child('clientIP'), when)];
  const timeout = optNum(clientIP, 'timeoutSeconds');
  const timeoutPath = path.child('clientIP', 'timeoutSeconds');
  if (timeout === undefined) return [required(timeoutPath, when)];
  const max = MAX_CLIENT_IP_AFFINITY_SECONDS;
  return timeout <= 0 || timeout > max ? [invalid(timeoutPath, timeout, `must be greater than 0 and less than ${max}`)] : [];
}

function duplicatePorts(ports: readonly Json[]): FieldErrorList {
  const errs: FieldErrorList = [];
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = num(p, 'nodePort');
    if (nodePort === 0) return;
    const key = `${str(p, 'protocol')}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(SPEC.child('ports').index(i).child('nodePort'), nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p, 'protocol')}/${num(p, 'port')}`;
    if (seen.has(key)) errs.push(duplicate(SPEC.child('ports').index(i), servicePortKey(str(p, 'protocol'), num(p, 'port'))));
    seen.add(key);
  });
  return errs;
}

function sourceRanges(svc: ApiObject, spec: Json): FieldErrorList {
  const lbOnly = 'may only be used when `type` is \'LoadBalancer\'';
  const isLB = str(spec, 'type') === 'LoadBalancer';
  const ranges = strings(spec, 'loadBalancerSourceRanges');
  if (ranges.length > 0) {
    const path = SPEC.child('LoadBalancerSourceRanges');
    const errs: FieldErrorList = isLB ? [] : [forbidden(path, lbOnly)];
    // Values may be space-padded: a leftover of the annotation they replaced.
    ranges.forEach((r, i) => errs.push(...validateCIDR(path.index(i), r.trim())));
    return errs;
  }
  const annotation = stringMap(svc.metadata, 'annotations')[SOURCE_RANGES_ANNOTATION];
  if (annotation === undefined) return [];
  const path = root('metadata', 'annotations').key(SOURCE_RANGES_ANNOTATION);
  const errs: FieldErrorList = isLB ? [] : [forbidden(path, lbOnly)];
  const value = annotation.trim();
  if (value !== '') for (const cidr of value.split(',')) errs.push(...validateCIDR(path, cidr.trim()));
  return errs;
}

function externallyAccessible(spec: Json): boolean {
  const type = str(spec, 'type');
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && strings(spec, 'externalIPs').length > 0);
}

/** LoadBalancer with externalTrafficPolicy Local: the case that needs a health check node port. */
export function needsHealthCheck(spec: Json): boolean {
  return str(spec, 'type') === 'LoadBalancer' && str(spec, 'externalTrafficPolicy') === 'Local';
}

function trafficPolicies(spec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  const etp = str(spec, 'externalTrafficPolicy');
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid(SPEC.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required(SPEC.child('externalTrafficPolicy')));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported(SPEC.child('externalTrafficPolicy'), etp, TRAFFIC_POLICIES));
  const hcnp = num(spec, 'healthCheckNodePort');
  if (!needsHealthCheck(spec)) {
    if (hcnp !== 0) {
      errs.push(invalid(SPEC.child('healthCheckNodePort'), hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hcnp === 0) errs.push(required(SPEC.child('healthCheckNodePort')));
  else errs.push(...validatePortNumber(hcnp, SPEC.child('healthCheckNodePort')));
  const itp = optStr(spec, 'internalTrafficPolicy');
  const type = str(spec, 'type');
  if (itp === undefined && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) errs.push(required(SPEC.child('internalTrafficPolicy')));
  if (itp !== undefined && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported(SPEC.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  const distribution = optStr(spec, 'trafficDistribution');
  if (distribution !== undefined && distribution !== 'PreferClose') errs.push(notSupported(SPEC.child('trafficDistribution'), distribution, ['PreferClose']));
  return errs;
}

function loadBalancerClass(spec: Json, oldSpec: Json | undefined): FieldErrorList {
  const errs: FieldErrorList = [];
  const cls = optStr(spec, 'loadBalancerClass');
  const isLB = str(spec, 'type') === 'LoadBalancer';
  if (oldSpec !== undefined && isLB && str(oldSpec, 'type') === 'LoadBalancer' && optStr(oldSpec, 'loadBalancerClass') !== cls) {
    errs.push(invalid(SPEC.child('loadBalancerClass'), cls ?? null, 'may not change once set'));
  }
  if (isLB && cls !== undefined) errs.push(...validateQualifiedName(cls, SPEC.child('loadBalancerClass')));
  if (!isLB && cls !== undefined) errs.push(forbidden(SPEC.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  return errs;
}

function typeAndPorts(spec: Json): FieldErrorList {
  const errs: FieldErrorList = [];
  const type = str(spec, 'type');
  if (type === '') errs.push(required(SPEC.child('type')));
  else if (!TYPES.includes(type)) errs.push(notSupported(SPEC.child('type'), type, TYPES));
  const ports = objects(spec, 'ports');
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p, 'nodePort') !== 0) errs.push(forbidden(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  return [...errs, ...duplicatePorts(ports)];
}

/** A Service, on create and (after the update rules) on update. */
export function validateService(svc: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(svc, true, nameIsDNS1035Label);
  const annotations = stringMap(svc.metadata, 'annotations');
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    const path = root('metadata', 'annotations').key(TOPOLOGY_MODE_ANNOTATION);
    errs.push(invalid(path, mode, `must match annotations[${TOPOLOGY_HINTS_ANNOTATION}] when both are specified`));
  }
  const spec = serviceSpec(svc);
  const ports = objects(spec, 'ports');
  if (ports.length === 0 && !isHeadless(spec) && str(spec, 'type') !== 'ExternalName') errs.push(required(SPEC.child('ports')));
  errs.push(...typeSpecific(spec));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, SPEC.child('ports').index(i))));
  if (has(spec, 'selector')) errs.push(...validateLabels(stringMap(spec, 'selector'), SPEC.child('selector')));
  errs.push(...sessionAffinity(spec), ...validateClusterIPsRelatedFields(spec));
  strings(spec, 'externalIPs').forEach((ip, i) => {
    const ipErrs = validateIP(SPEC.child('externalIPs').index(i), ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, SPEC.child('externalIPs').index(i))));
  });
  errs.push(...typeAndPorts(spec), ...sourceRanges(svc, spec));
  const type = str(spec, 'type');
  if (has(spec, 'allocateLoadBalancerNodePorts') && type !== 'LoadBalancer') {
    errs.push(forbidden(SPEC.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  // Upstream's path here has no `spec.` prefix.
  if (type === 'LoadBalancer' && !has(spec, 'allocateLoadBalancerNodePorts')) errs.push(required(root('allocateLoadBalancerNodePorts')));
  return [...errs, ...loadBalancerClass(spec, undefined), ...trafficPolicies(spec)];
}

/** A Service update: cluster IPs and families keep their primaries; the health check port stays. */
export function validateServiceUpdate(svc: ApiObject, old: ApiObject): FieldErrorList {
  const spec = serviceSpec(svc);
  const oldSpec = serviceSpec(old);
  const errs = [...validateObjectMetaUpdateOf(svc, old), ...validateClusterIPsUpdate(spec, oldSpec), ...validateIPFamiliesUpdate(spec, oldSpec)];
  // Upstream checks the class here with the old object and again (without it) in ValidateService.
  errs.push(...loadBalancerClass(spec, oldSpec));
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && num(spec, 'healthCheckNodePort') !== num(oldSpec, 'healthCheckNodePort')) {
    errs.push(forbidden(SPEC.child('healthCheckNodePort'), 'field is immutable'));
  }
  return [...errs, ...validateService(svc)];
}

const IP_MODES = ['Proxy', 'VIP'];

/** A status update: load balancer ingress points only for LoadBalancer services, well-formed. */
export function validateServiceStatusUpdate(svc: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(svc, old);
  const spec = serviceSpec(svc);
  const ingress = objects(obj(obj(svc, 'status'), 'loadBalancer'), 'ingress');
  const path = root('status', 'loadBalancer', 'ingress');
  if (str(spec, 'type') !== 'LoadBalancer' && ingress.length > 0) {
    return [...errs, forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  ingress.forEach((ing, i) => {
    const idx = path.index(i);
    const ip = str(ing, 'ip');
    if (ip !== '') errs.push(...validateIP(idx.child('ip'), ip));
    const ipMode = optStr(ing, 'ipMode');
    if (ipMode === undefined) {
      if (ip !== '') errs.push(required(idx.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (ip === '') errs.push(forbidden(idx.child('ipMode'), 'may not be specified when `ip` is not set'));
    else if (!IP_MODES.includes(ipMode)) errs.push(notSupported(idx.child('ipMode'), ipMode, IP_MODES));
    const hostname = str(ing, 'hostname');
    if (hostname !== '') {
      errs.push(...isDNS1123Subdomain(hostname).map((m) => invalid(idx.child('hostname'), hostname, m)));
      if (parseIP(hostname) !== undefined) errs.push(invalid(idx.child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
