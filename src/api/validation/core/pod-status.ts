// Pod status updates (upstream's ValidatePodStatusUpdate): node name fixed, QoS class
// immutable, terminated containers stay terminated unless the restart policy restarts
// them, pod and host IPs valid (one per family), container users valid.

import { duplicate, forbidden, invalid, notSupported, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import type { ApiObject } from '../../strategy.js';
import { has, list, obj, objects, objOrEmpty, optNum, str, stringMap, type Json } from '../common/json.js';
import { isDualStack, validateIP } from '../common/ip.js';
import { validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateObjectName, validateQualifiedName } from '../common/names.js';
import { validatePodSpecificAnnotationUpdates } from './pod-annotations.js';
import { podValidationOptions } from './pod-options.js';
import { ipValue } from './internal-values.js';
import { validateID } from './security-context.js';

const STATUS = root('status');
const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

function isTerminated(status: Json): boolean {
  return obj(obj(status, 'state'), 'terminated') !== undefined;
}

/** Terminated containers that will not restart may not come back to life. */
function stateTransitions(next: readonly Json[], prev: readonly Json[], path: FieldPath, mayRestart: (old: Json) => boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  prev.forEach((old, i) => {
    if (!isTerminated(old) || mayRestart(old)) return;
    for (const s of next) {
      if (str(s, 'name') === str(old, 'name') && !isTerminated(s)) {
        errs.push(forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}

function exitCode(status: Json): number {
  return optNum(obj(obj(status, 'state'), 'terminated'), 'exitCode') ?? 0;
}

function restartRule(restartPolicy: string): (old: Json) => boolean {
  if (restartPolicy === 'Always') return () => true;
  return (old) => restartPolicy === 'OnFailure' && exitCode(old) !== 0;
}

/** podIPs / hostIPs: valid, at most one per family, no duplicates. */
function validateIPList(ips: readonly Json[], path: FieldPath, duplicatesFirst: boolean): FieldErrorList {
  const errs: FieldErrorList = ips.flatMap((ip, i) => validateIP(path.index(i), str(ip, 'ip')));
  if (ips.length <= 1) return errs;
  const values = ips.map((ip) => str(ip, 'ip'));
  const familyErr = !isDualStack(values) || ips.length > 2 ? [invalid(path, ips.map(ipValue), 'may specify no more than one IP for each IP family')] : [];
  const dupErrs: FieldErrorList = [];
  const seen = new Set<string>();
  ips.forEach((ip, i) => {
    if (seen.has(str(ip, 'ip'))) dupErrs.push(duplicate(path.index(i), ipValue(ip)));
    seen.add(str(ip, 'ip'));
  });
  return duplicatesFirst ? [...errs, ...dupErrs, ...familyErr] : [...errs, ...familyErr, ...dupErrs];
}

function validateHostIPs(status: Json): FieldErrorList {
  const hostIPs = objects(status, 'hostIPs');
  if (hostIPs.length === 0) return [];
  const path = STATUS.child('hostIPs');
  const first = str(hostIPs[0], 'ip');
  const errs = first !== str(status, 'hostIP') ? [invalid(path.index(0).child('ip'), first, 'must be equal to `hostIP`')] : [];
  return [...errs, ...validateIPList(hostIPs, path, true)];
}

function validateContainerUsers(statuses: readonly Json[], path: FieldPath, osName: string): FieldErrorList {
  return statuses.flatMap((s, i) => {
    const user = obj(s, 'user');
    if (user === undefined) return [];
    const linux = obj(user, 'linux');
    const linuxPath = path.index(i).child('linux');
    if (osName === 'windows') return linux !== undefined ? [forbidden(linuxPath, 'cannot be set for a windows pod')] : [];
    if (linux === undefined) return [];
    return [
      ...validateID(optNum(linux, 'uid') ?? 0, linuxPath.child('uid')),
      ...validateID(optNum(linux, 'gid') ?? 0, linuxPath.child('gid')),
      ...list(linux, 'supplementalGroups').flatMap((g, j) => (typeof g === 'number' ? validateID(g, linuxPath.child('supplementalGroups').index(j)) : [])),
    ];
  });
}

const HEALTH_VALUES = ['Healthy', 'Unhealthy', 'Unknown'];

/** allocatedResourcesStatus: names a request or claim of the container, resource IDs unique. */
function validateAllocatedResourcesStatus(statuses: readonly Json[], containers: readonly Json[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  statuses.forEach((s, i) => {
    const container = containers.find((c) => str(c, 'name') === str(s, 'name'));
    objects(s, 'allocatedResourcesStatus').forEach((ar, j) => {
      const arPath = path.index(i).child('allocatedResourcesStatus').index(j);
      const name = str(ar, 'name');
      if (container !== undefined) {
        const resources = objOrEmpty(container, 'resources');
        const isClaim = name.startsWith('claim:');
        const found = isClaim
          ? objects(resources, 'claims').some((c) => `claim:${str(c, 'name')}${str(c, 'request') !== '' ? `/${str(c, 'request')}` : ''}` === name)
          : Object.hasOwn(objOrEmpty(resources, 'requests'), name);
        const detail = isClaim
          ? "must match one of the container's resource claims in a format 'claim:<claimName>/<request>' or 'claim:<claimName>' if request is empty"
          : "must match one of the container's resource requests";
        if (!found) errs.push(invalid(arPath.child('name'), name, detail));
      }
      const ids = new Set<string>();
      objects(ar, 'resources').forEach((r, k) => {
        const rPath = arPath.child('resources').index(k);
        const health = str(r, 'health');
        if (!HEALTH_VALUES.includes(health)) errs.push(notSupported(rPath.child('health'), health, HEALTH_VALUES));
        const id = str(r, 'resourceID');
        if (ids.has(id)) errs.push(duplicate(rPath.child('resourceID'), id));
        else ids.add(id);
      });
    });
  });
  return errs;
}

/** A status update of a pod. */
export function validatePodStatusUpdate(pod: ApiObject, old: ApiObject): FieldErrorList {
  const spec = objOrEmpty(pod, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const status = objOrEmpty(pod, 'status');
  const oldStatus = objOrEmpty(old, 'status');
  const opts = podValidationOptions(true, { spec: oldSpec, meta: old.metadata });
  const metaPath = root('metadata');
  const errs = [
    ...validateObjectMetaUpdateOf(pod, old),
    ...validatePodSpecificAnnotationUpdates(stringMap(pod.metadata, 'annotations'), stringMap(old.metadata, 'annotations'), spec, metaPath.child('annotations'), opts),
    ...objects(status, 'conditions').flatMap((c, i) =>
      SYSTEM_CONDITIONS.has(str(c, 'type')) ? [] : validateQualifiedName(str(c, 'type'), metaPath.child('conditions').index(i).child('Type')),
    ),
  ];
  if (str(spec, 'nodeName') !== str(oldSpec, 'nodeName')) errs.push(forbidden(STATUS.child('nodeName'), 'may not be changed directly'));
  const nominated = str(status, 'nominatedNodeName');
  if (nominated !== str(oldStatus, 'nominatedNodeName') && nominated !== '') {
    errs.push(...validateObjectName(nameIsDNSSubdomain, nominated, STATUS.child('nominatedNodeName')));
  }
  errs.push(...validateImmutableField(str(status, 'qosClass'), str(oldStatus, 'qosClass'), STATUS.child('qosClass')));
  const oldRestart = str(oldSpec, 'restartPolicy');
  const initRestartable = new Set(objects(oldSpec, 'initContainers').filter((c) => str(c, 'restartPolicy') === 'Always').map((c) => str(c, 'name')));
  errs.push(...stateTransitions(objects(status, 'containerStatuses'), objects(oldStatus, 'containerStatuses'), STATUS.child('containerStatuses'), restartRule(oldRestart)));
  errs.push(...stateTransitions(objects(status, 'initContainerStatuses'), objects(oldStatus, 'initContainerStatuses'), STATUS.child('initContainerStatuses'),
    (o) => restartRule(oldRestart)(o) || initRestartable.has(str(o, 'name'))));
  errs.push(...stateTransitions(objects(status, 'ephemeralContainerStatuses'), objects(oldStatus, 'ephemeralContainerStatuses'),
    STATUS.child('ephemeralContainerStatuses'), restartRule('Never')));
  errs.push(...validateResourceClaimStatuses(status, spec));
  errs.push(...validateIPList(objects(status, 'podIPs'), STATUS.child('podIPs'), false), ...validateHostIPs(status));
  const osName = str(obj(spec, 'os'), 'name') || 'linux';
  for (const key of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    errs.push(...validateContainerUsers(objects(status, key), STATUS.child(key), osName));
  }
  errs.push(...validateAllocatedResourcesStatus(objects(status, 'containerStatuses'), objects(spec, 'containers'), STATUS.child('containerStatuses')));
  errs.push(...validateAllocatedResourcesStatus(objects(status, 'initContainerStatuses'), objects(spec, 'initContainers'), STATUS.child('initContainerStatuses')));
  objects(status, 'ephemeralContainerStatuses').forEach((s, i) => {
    if (objects(s, 'allocatedResourcesStatus').length > 0) {
      errs.push(forbidden(STATUS.child('ephemeralContainerStatuses').index(i).child('allocatedResourcesStatus'), 'must not be specified in container status'));
    }
  });
  return errs;
}

/** resourceClaimStatuses: each names a claim of the spec, once. */
function validateResourceClaimStatuses(status: Json, spec: Json): FieldErrorList {
  const path = STATUS.child('resourceClaimStatuses');
  const claims = new Set(objects(spec, 'resourceClaims').map((c) => str(c, 'name')));
  const seen = new Set<string>();
  return objects(status, 'resourceClaimStatuses').flatMap((s, i) => {
    const errs: FieldErrorList = [];
    const name = str(s, 'name');
    if (!claims.has(name)) errs.push(invalid(path.index(i).child('name'), name, 'must match the name of an entry in `spec.resourceClaims`'));
    if (seen.has(name)) errs.push(duplicate(path.index(i).child('name'), name));
    else seen.add(name);
    if (has(s, 'resourceClaimName')) {
      const claimName = str(s, 'resourceClaimName');
      errs.push(...nameIsDNSSubdomain(claimName, false).map((m) => invalid(path.index(i).child('name'), claimName, m)));
    }
    return errs;
  });
}
