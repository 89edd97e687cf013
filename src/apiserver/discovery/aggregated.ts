// Aggregated discovery (apidiscovery.k8s.io/v2): every group, version and resource in
// one response, which is what kubectl and client-go ask `/api` and `/apis` for first.
// `/api` holds the core group only (named ''), `/apis` every other group. The documents
// are built once and kept, with their serialized form and ETag.

import { createHash } from 'node:crypto';
import { groups, resourcesOf, type GroupInfo, type ResourceInfo } from '../../api/catalogue.js';
import type { APIGroupDiscovery, APIGroupDiscoveryList, APIResourceDiscovery, APISubresourceDiscovery } from './types.js';

/**
 * The Content-Type of an aggregated response. client-go decides by this header, not by
 * the body, whether it received aggregated discovery.
 */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Which discovery root a document is for. */
export type DiscoveryRoot = 'api' | 'apis';

/** A document ready to send: its value, its JSON body and its (quoted) ETag. */
export interface SerializedDiscovery {
  readonly value: APIGroupDiscoveryList;
  readonly body: string;
  /**
   * `"<uppercase hex sha512 of the body>"`, as upstream quotes it. Upstream answers an
   * equal If-None-Match with 304 and sends `Vary: Accept` and `Cache-Control: public`.
   */
  readonly etag: string;
}

const cache = new Map<DiscoveryRoot, SerializedDiscovery>();

/** The aggregated document of `/api` or `/apis`, built on first use. */
export function aggregatedDiscovery(root: DiscoveryRoot): SerializedDiscovery {
  let doc = cache.get(root);
  if (doc === undefined) {
    const value = buildAggregated(root);
    const body = JSON.stringify(value);
    doc = { value, body, etag: discoveryETag(body) };
    cache.set(root, doc);
  }
  return doc;
}

/** The quoted ETag of a discovery body: upper-case hex SHA-512, as upstream computes it. */
export function discoveryETag(body: string): string {
  return `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`;
}

function buildAggregated(root: DiscoveryRoot): APIGroupDiscoveryList {
  const selected = groups().filter((g) => (root === 'api') === (g.name === ''));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: selected.map(groupDiscovery) };
}

function groupDiscovery(info: GroupInfo): APIGroupDiscovery {
  return {
    metadata: info.name === '' ? {} : { name: info.name },
    versions: info.versions.map((version) => ({
      version,
      resources: resourcesOf(info.name, version).map(resourceDiscovery),
      freshness: 'Current',
    })),
  };
}

/**
 * One resource. Like upstream, the response kind of a resource names only the kind; a
 * subresource names its group and version when they differ from the resource's.
 */
function resourceDiscovery(info: ResourceInfo): APIResourceDiscovery {
  const out: APIResourceDiscovery = {
    resource: info.resource,
    responseKind: { group: '', version: '', kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: [...info.verbs],
  };
  if (info.shortNames.length > 0) out.shortNames = [...info.shortNames];
  if (info.categories.length > 0) out.categories = [...info.categories];
  if (info.subresources.length > 0) {
    out.subresources = info.subresources.map(
      (sub): APISubresourceDiscovery => ({
        subresource: sub.name,
        responseKind:
          sub.group !== info.group || sub.version !== info.version
            ? { group: sub.group, version: sub.version, kind: sub.kind }
            : { group: '', version: '', kind: sub.kind },
        verbs: [...sub.verbs],
      }),
    );
  }
  return out;
}
