// Resource requirements of containers and of the pod as a whole: valid names and
// quantities, requests within limits (equal for resources that cannot be overcommitted),
// huge pages in whole pages and beside cpu or memory, claims that name pod claims
// (upstream's validateResourceRequirements and validatePodResources).

import {
  duplicate, forbidden, invalid, notFound, required, FieldError, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { Quantity } from '../../../machinery/quantity.js';
import { compareGoStrings } from '../../../machinery/go-format.js';
import { obj, objects, str, type Json } from '../common/json.js';
import { validateDNS1123Label } from '../common/names.js';
import { resourceList, validateResourceQuantityValue } from '../common/quantity.js';
import {
  isHugePageResourceName, isHugePageValueDivisible, isOvercommitAllowed, validateContainerResourceName, validatePodResourceName,
} from '../common/resource-names.js';
import type { PodValidationOptions } from './pod-options.js';

type NameCheck = (name: string, path: FieldPath) => FieldErrorList;

function hugePageErrors(name: string, q: Quantity, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  if (!isHugePageResourceName(name) || opts.allowIndivisibleHugePagesValues || isHugePageValueDivisible(name, q)) return [];
  return [invalid(path, q.toString(), `${q.toString()} is not positive integer multiple of ${name}`)];
}

/** Entries of `claims` name claims of the pod, once each (a whole claim or one of its requests). */
function validateResourceClaimNames(claims: readonly Json[], podClaimNames: ReadonlySet<string>, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const names = new Set<string>();
  claims.forEach((claim, i) => {
    const idx = path.index(i);
    const name = str(claim, 'name');
    if (name === '') {
      errs.push(required(idx));
      return;
    }
    if (names.has(name)) errs.push(duplicate(idx, name));
    else {
      const request = str(claim, 'request');
      let key = name;
      if (request !== '') {
        errs.push(...validateDNS1123Label(request, idx.child('request')));
        key += `/${request}`;
      }
      if (names.has(key)) errs.push(duplicate(idx, key));
      else if (request === '') {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(duplicate(idx, name));
      }
      names.add(key);
    }
    if (!podClaimNames.has(name)) {
      const known = [...podClaimNames].sort(compareGoStrings);
      const detail = `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`;
      const e = notFound(idx, name);
      errs.push(new FieldError(e.type, e.field, e.badValue, detail));
    }
  });
  return errs;
}

function validateRequirements(
  requirements: Json,
  nameCheck: NameCheck,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldErrorList {
  const errs: FieldErrorList = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map(resourceList(requirements.limits));
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    errs.push(...nameCheck(name, p), ...validateResourceQuantityValue(name, q, p), ...hugePageErrors(name, q, p, opts));
    hugePages ||= isHugePageResourceName(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  for (const [name, q] of resourceList(requirements.requests)) {
    const p = reqPath.key(name);
    errs.push(...nameCheck(name, p), ...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit !== undefined) {
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    errs.push(...hugePageErrors(name, q, p, opts));
    hugePages ||= isHugePageResourceName(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return [...errs, ...validateResourceClaimNames(objects(requirements, 'claims'), podClaimNames, path.child('claims'))];
}

/** A container's `resources`. */
export function validateContainerResources(
  requirements: Json | undefined,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldErrorList {
  return validateRequirements(requirements ?? {}, validateContainerResourceName, podClaimNames, path, opts);
}

/** `overhead`: validated as a container's limits. */
export function validateOverhead(overhead: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  return validateRequirements({ limits: overhead }, validateContainerResourceName, new Set(), path, opts);
}

type ResourceMap = Map<string, Quantity>;

function addInto(target: ResourceMap, list: unknown): void {
  for (const [name, q] of resourceList(list)) target.set(name, target.get(name)?.add(q) ?? q);
}

function maxInto(target: ResourceMap, source: ResourceMap): void {
  for (const [name, q] of source) {
    const current = target.get(name);
    if (current === undefined || q.cmp(current) > 0) target.set(name, q);
  }
}

/** What the containers request together: sidecars run beside the app, init containers one at a time. */
function aggregateContainerRequests(spec: Json): ResourceMap {
  const total: ResourceMap = new Map();
  for (const c of objects(spec, 'containers')) addInto(total, obj(c, 'resources')?.requests);
  const sidecars: ResourceMap = new Map();
  const initPeak: ResourceMap = new Map();
  for (const c of objects(spec, 'initContainers')) {
    const own: ResourceMap = new Map();
    addInto(own, obj(c, 'resources')?.requests);
    if (str(c, 'restartPolicy') === 'Always') {
      addInto(total, obj(c, 'resources')?.requests);
      addInto(sidecars, obj(c, 'resources')?.requests);
      maxInto(initPeak, new Map(sidecars));
    } else {
      for (const [name, q] of sidecars) own.set(name, own.get(name)?.add(q) ?? q);
      maxInto(initPeak, own);
    }
  }
  maxInto(total, initPeak);
  return total;
}

function validatePodResourceConsistency(spec: Json, resources: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const podRequests = new Map(resourceList(resources.requests));
  const zero = Quantity.fromInt(0);
  for (const [name, q] of aggregateContainerRequests(spec)) {
    const podRequest = podRequests.get(name) ?? zero;
    if (q.cmp(podRequest) > 0) {
      const detail = `must be greater than or equal to aggregate container requests of ${q.toString()}`;
      errs.push(invalid(path.child('requests').key(name), podRequest.toString(), detail));
    }
  }
  const podLimits = new Map(resourceList(resources.limits));
  objects(spec, 'containers').forEach((c, i) => {
    for (const [name, limit] of resourceList(obj(c, 'resources')?.limits)) {
      const podLimit = podLimits.get(name);
      if (podLimit === undefined || limit.cmp(podLimit) <= 0) continue;
      const p = path.child('containers').index(i).key(name).child('limits');
      errs.push(invalid(p, limit.toString(), `must be less than or equal to pod limits of ${podLimit.toString()}`));
    }
  });
  return errs;
}

/** Pod-level `resources` (the PodLevelResources feature, on in 1.36). */
export function validatePodResources(
  spec: Json,
  podClaimNames: ReadonlySet<string>,
  path: FieldPath,
  opts: PodValidationOptions,
): FieldErrorList {
  const resources = obj(spec, 'resources');
  if (resources === undefined) return [];
  const errs: FieldErrorList = resources.claims !== undefined ? [forbidden(path.child('claims'), 'claims cannot be set for Resources at pod-level')] : [];
  errs.push(...validateRequirements(resources, validatePodResourceName, podClaimNames, path, opts));
  return [...errs, ...validatePodResourceConsistency(spec, resources, path)];
}
