// Which group/versions kubets serves, and in what order discovery lists them.
//
// The set is the GA group/versions upstream serves by default. The order is upstream's:
// kube-apiserver gives each group/version a priority (pkg/controlplane/apiserver,
// DefaultGenericAPIServicePriorities, merged with cmd/kube-apiserver/app's own table), and
// the aggregator lists groups by descending group priority, breaking ties by the
// APIService name (`<version>.<group>`), and versions within a group by descending version
// priority. The core group is served under /api and comes first.

import type { GroupInfo } from '../../src/api/catalogue.js';

interface ServedGroup {
  name: string;
  /** Upstream's group priority (higher is listed earlier). */
  priority: number;
  /** Served versions with upstream's version priority (higher is preferred). */
  versions: Record<string, number>;
}

const SERVED: ServedGroup[] = [
  { name: '', priority: 18000, versions: { v1: 1 } },
  { name: 'apps', priority: 17800, versions: { v1: 15 } },
  { name: 'events.k8s.io', priority: 17750, versions: { v1: 15 } },
  { name: 'authentication.k8s.io', priority: 17700, versions: { v1: 15 } },
  { name: 'authorization.k8s.io', priority: 17600, versions: { v1: 15 } },
  { name: 'autoscaling', priority: 17500, versions: { v1: 15, v2: 30 } },
  { name: 'batch', priority: 17400, versions: { v1: 15 } },
  { name: 'certificates.k8s.io', priority: 17300, versions: { v1: 15 } },
  { name: 'networking.k8s.io', priority: 17200, versions: { v1: 15 } },
  { name: 'policy', priority: 17100, versions: { v1: 15 } },
  { name: 'rbac.authorization.k8s.io', priority: 17000, versions: { v1: 15 } },
  { name: 'storage.k8s.io', priority: 16800, versions: { v1: 15 } },
  { name: 'admissionregistration.k8s.io', priority: 16700, versions: { v1: 15 } },
  { name: 'apiextensions.k8s.io', priority: 16700, versions: { v1: 15 } },
  { name: 'scheduling.k8s.io', priority: 16600, versions: { v1: 15 } },
  { name: 'coordination.k8s.io', priority: 16500, versions: { v1: 15 } },
  { name: 'node.k8s.io', priority: 16300, versions: { v1: 15 } },
  { name: 'discovery.k8s.io', priority: 16200, versions: { v1: 15 } },
  { name: 'flowcontrol.apiserver.k8s.io', priority: 16100, versions: { v1: 21 } },
];

function sortedVersions(group: ServedGroup): string[] {
  return Object.entries(group.versions)
    .sort(([, a], [, b]) => b - a)
    .map(([version]) => version);
}

/** The first of the group's APIService names (`v1.apps`), which upstream sorts ties by. */
function apiServiceName(group: ServedGroup): string {
  return Object.keys(group.versions)
    .map((version) => `${version}.${group.name}`)
    .sort()[0] ?? '';
}

/** The served groups in discovery order, each with its versions in order of preference. */
export function servedGroups(): GroupInfo[] {
  return [...SERVED]
    .sort((a, b) => b.priority - a.priority || (apiServiceName(a) < apiServiceName(b) ? -1 : 1))
    .map((group) => {
      const versions = sortedVersions(group);
      return { name: group.name, preferredVersion: versions[0] ?? '', versions };
    });
}

/** Whether kubets serves this group/version. */
export function isServed(group: string, version: string): boolean {
  return SERVED.some((g) => g.name === group && version in g.versions);
}
