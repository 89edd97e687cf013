// The unaggregated discovery documents: `/api`, `/apis`, `/apis/<group>`, `/api/v1` and
// `/apis/<group>/<version>`, built from the API catalogue. Clients that do not ask for
// aggregated discovery (or servers' peers, or `kubectl get --raw`) read these.

import { groups, resourcesOf, type GroupInfo, type ResourceInfo } from '../../api/catalogue.js';
import { invariant } from '../../machinery/invariant.js';
import { storageVersionHash } from './storage-version-hash.js';
import type { APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery } from './types.js';

/** `GET /api`. `serverAddress` is the `host:port` clients reach this server at. */
export function apiVersions(serverAddress: string): APIVersions {
  return {
    kind: 'APIVersions',
    versions: coreGroup().versions,
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis`: every named group, in upstream's priority order. */
export function apiGroupList(): APIGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().filter((g) => g.name !== '').map(groupEntry) };
}

/** `GET /apis/<group>`, or undefined when the group is not served. */
export function apiGroup(name: string): APIGroup | undefined {
  const found = name === '' ? undefined : groups().find((g) => g.name === name);
  return found === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(found) };
}

/**
 * `GET /api/<version>` (group '') or `GET /apis/<group>/<version>`, or undefined when the
 * group/version is not served. Resources and their subresources (`pods/status`) are
 * listed in the order of their names, as upstream's installer sorts its paths.
 */
export function apiResourceList(group: string, version: string): APIResourceList | undefined {
  const resources = resourcesOf(group, version);
  if (resources.length === 0) return undefined;
  const entries = resources.flatMap(resourceEntries).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (group === '') return { kind: 'APIResourceList', groupVersion: version, resources: entries };
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources: entries };
}

function coreGroup(): GroupInfo {
  const core = groups().find((g) => g.name === '');
  invariant(core !== undefined, 'the API catalogue serves a core group');
  return core;
}

function groupVersion(group: string, version: string): GroupVersionForDiscovery {
  return { groupVersion: `${group}/${version}`, version };
}

function groupEntry(info: GroupInfo): APIGroup {
  return {
    name: info.name,
    versions: info.versions.map((v) => groupVersion(info.name, v)),
    preferredVersion: groupVersion(info.name, info.preferredVersion),
  };
}

/** The resource itself, then one entry per subresource. */
function resourceEntries(info: ResourceInfo): APIResource[] {
  const main: APIResource = {
    name: info.resource,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: [...info.verbs],
  };
  if (info.shortNames.length > 0) main.shortNames = [...info.shortNames];
  if (info.categories.length > 0) main.categories = [...info.categories];
  const hash = storageVersionHash(info);
  if (hash !== undefined) main.storageVersionHash = hash;
  const subresources = info.subresources.map(
    (sub): APIResource => ({
      name: `${info.resource}/${sub.name}`,
      singularName: '',
      namespaced: info.namespaced,
      // Only where the object is not of the list's own group/version (deployments/scale: autoscaling/v1).
      ...(sub.group !== info.group || sub.version !== info.version ? { group: sub.group, version: sub.version } : {}),
      kind: sub.kind,
      verbs: [...sub.verbs],
    }),
  );
  return [main, ...subresources];
}
