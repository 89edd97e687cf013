// Which resources the generic controllers (namespace, garbage collector) work on, from the
// API catalogue: the preferred version of each group/resource that has the needed verbs.
// Upstream asks the discovery API; kubets' catalogue is what that API serves.

import { groups, resourcesOf, type ResourceInfo } from '../../api/catalogue.js';
import type { GroupVersionResource } from '../../machinery/schema.js';

/** Served resources having every verb in `verbs`, one version per group/resource (the most preferred). */
export function resourcesWithVerbs(verbs: readonly string[], filter: (r: ResourceInfo) => boolean = () => true): ResourceInfo[] {
  const seen = new Set<string>();
  const out: ResourceInfo[] = [];
  for (const group of groups()) {
    for (const version of group.versions) {
      for (const info of resourcesOf(group.name, version)) {
        const key = `${info.group}/${info.resource}`;
        if (seen.has(key) || !verbs.every((verb) => info.verbs.includes(verb)) || !filter(info)) continue;
        seen.add(key);
        out.push(info);
      }
    }
  }
  return out;
}

export function gvrOf(info: ResourceInfo): GroupVersionResource {
  return { group: info.group, version: info.version, resource: info.resource };
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** Splits an apiVersion into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
