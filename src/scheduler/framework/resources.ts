// Resource arithmetic on plain numbers: CPU in millicores, everything else in whole units
// (bytes for memory). Requests follow upstream's resourcehelper.PodRequests: containers
// summed, sidecars (restartable init containers) added, the largest init container
// counted instead when it needs more, then the pod overhead on top.

import { Quantity } from '../../machinery/quantity.js';
import type { Pod } from '../../client/index.js';
import { podSpec, type ContainerSpec } from './types.js';

export type ResourceList = Map<string, number>;

/** Defaults for scoring pods that request nothing (upstream's non-zero requests). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function quantityValue(resource: string, value: string): number {
  const q = Quantity.parse(value);
  return resource === 'cpu' ? q.milliValue() : q.value();
}

export function toResourceList(map: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(map ?? {})) out.set(name, quantityValue(name, value));
  return out;
}

function addInto(target: ResourceList, add: ResourceList): void {
  for (const [name, value] of add) target.set(name, (target.get(name) ?? 0) + value);
}

function maxInto(target: ResourceList, other: ResourceList): void {
  for (const [name, value] of other) if (value > (target.get(name) ?? 0)) target.set(name, value);
}

function containerRequests(container: ContainerSpec, nonZero: boolean): ResourceList {
  const list = toResourceList(container.resources?.requests);
  if (nonZero) {
    if (!list.has('cpu')) list.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!list.has('memory')) list.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return list;
}

/**
 * What `pod` asks of its node. With `nonZero`, containers without a cpu or memory request
 * count the defaults (100m, 200Mi), as upstream's scoring does so that empty pods spread.
 */
export function podRequests(pod: Pod, nonZero = false): ResourceList {
  const spec = podSpec(pod);
  const total: ResourceList = new Map();
  for (const c of spec.containers ?? []) addInto(total, containerRequests(c, nonZero));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const req = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, req);
      maxInto(initPeak, sidecars);
    } else {
      const during = new Map(sidecars);
      addInto(during, req);
      maxInto(initPeak, during);
    }
  }
  addInto(total, sidecars);
  maxInto(total, initPeak);
  addInto(total, toResourceList(spec.overhead));
  return total;
}
