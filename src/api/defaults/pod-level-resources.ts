// Pod-level resources (spec.resources, the PodLevelResources feature, on by default):
// when a pod sets some pod-level requests or limits, upstream fills the others from its
// containers, aggregated the way the scheduler counts them (sidecars run beside the
// regular containers; each init container runs alone beside the sidecars started before
// it). Only cpu, memory and hugepages-* can be set at pod level.

import { Quantity, QuantityParseError } from '../../machinery/quantity.js';
import { child, isEmpty, isObject, items, stringField, type JsonObject } from './json.js';

type Resources = Map<string, Quantity>;

const HUGE_PAGES_PREFIX = 'hugepages-';

function isSupported(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith(HUGE_PAGES_PREFIX);
}

/** Of the supported resources, cpu and memory may be overcommitted; hugepages may not. */
function isOvercommittable(name: string): boolean {
  return name === 'cpu' || name === 'memory';
}

/**
 * Fills pod-level limits and requests from the containers (after container defaults).
 * Limits defaulted from requests can in turn default more requests; upstream gets there
 * because it defaults again on every read from storage, so this runs the steps twice.
 */
export function defaultPodLevelResources(spec: JsonObject): void {
  const resources = child(spec, 'resources');
  if (resources === undefined) return;
  for (let pass = 0; pass < 2; pass++) {
    defaultHugePageLimits(spec, resources);
    defaultRequests(spec, resources);
    defaultLimits(spec, resources);
  }
}

/** Pod-level hugepage limits default to the containers' total, unless a hugepage request is set. */
function defaultHugePageLimits(spec: JsonObject, resources: JsonObject): void {
  if (isEmpty(resources.limits) && isEmpty(resources.requests)) return;
  const limits = { ...child(resources, 'limits') };
  const requests = child(resources, 'requests') ?? {};
  for (const [name, total] of aggregate(spec, 'limits')) {
    if (!name.startsWith(HUGE_PAGES_PREFIX) || name in requests || name in limits) continue;
    limits[name] = total.toString();
  }
  if (Object.keys(limits).length > 0) resources.limits = limits;
}

/**
 * With pod-level limits set, pod-level requests default to the containers' total request
 * (cpu and memory), else to the pod-level limit.
 */
function defaultRequests(spec: JsonObject, resources: JsonObject): void {
  const limits = child(resources, 'limits');
  if (limits === undefined || isEmpty(limits)) return;
  const requests = { ...child(resources, 'requests') };
  for (const [name, total] of aggregate(spec, 'requests')) {
    if (!(name in requests) && isSupported(name) && isOvercommittable(name)) requests[name] = total.toString();
  }
  for (const [name, limit] of Object.entries(limits)) {
    if (!(name in requests) && isSupported(name)) requests[name] = limit;
  }
  if (Object.keys(requests).length > 0) resources.requests = requests;
}

/**
 * With pod-level requests but no pod-level limits, a cpu or memory limit defaults to the
 * containers' total when every container sets that limit.
 */
function defaultLimits(spec: JsonObject, resources: JsonObject): void {
  if (hasSupported(child(resources, 'limits')) || !hasSupported(child(resources, 'requests'))) return;
  const limits = { ...child(resources, 'limits') };
  for (const [name, total] of aggregate(spec, 'limits')) {
    if (name in limits || !isSupported(name) || !isOvercommittable(name)) continue;
    if (allContainers(spec).every((c) => name in (containerResources(c, 'limits') ?? {}))) limits[name] = total.toString();
  }
  if (Object.keys(limits).length > 0) resources.limits = limits;
}

function hasSupported(list: JsonObject | undefined): boolean {
  return list !== undefined && Object.keys(list).some(isSupported);
}

function allContainers(spec: JsonObject): JsonObject[] {
  return [...items(spec, 'containers'), ...items(spec, 'initContainers')];
}

function containerResources(container: JsonObject, kind: 'limits' | 'requests'): JsonObject | undefined {
  return child(child(container, 'resources') ?? {}, kind);
}

/** The containers' total of `kind`, counting init containers and sidecars as upstream. */
function aggregate(spec: JsonObject, kind: 'limits' | 'requests'): Resources {
  const total: Resources = new Map();
  for (const container of items(spec, 'containers')) addTo(total, quantities(containerResources(container, kind)));
  const sidecars: Resources = new Map();
  const initPeak: Resources = new Map();
  for (const container of items(spec, 'initContainers')) {
    const own = quantities(containerResources(container, kind));
    let usage: Resources;
    if (stringField(container, 'restartPolicy') === 'Always') {
      addTo(total, own);
      addTo(sidecars, own);
      usage = sidecars;
    } else {
      usage = new Map(own);
      addTo(usage, sidecars);
    }
    maxInto(initPeak, usage);
  }
  maxInto(total, initPeak);
  return total;
}

function quantities(list: JsonObject | undefined): Resources {
  const result: Resources = new Map();
  if (!isObject(list)) return result;
  for (const [name, value] of Object.entries(list)) {
    try {
      result.set(name, Quantity.fromJSON(value));
    } catch (error) {
      if (!(error instanceof QuantityParseError)) throw error; // validation reports it
    }
  }
  return result;
}

function addTo(into: Resources, from: Resources): void {
  for (const [name, quantity] of from) {
    const current = into.get(name);
    into.set(name, current === undefined ? quantity : current.add(quantity));
  }
}

function maxInto(into: Resources, from: Resources): void {
  for (const [name, quantity] of from) {
    const current = into.get(name);
    if (current === undefined || quantity.cmp(current) > 0) into.set(name, quantity);
  }
}
