// The discovery documents as JSON values, with the field names and the field order of
// upstream's Go types (k8s.io/apimachinery/pkg/apis/meta/v1 APIVersions, APIGroupList,
// APIGroup, APIResourceList; k8s.io/api/apidiscovery/v2). Optional fields are the ones
// upstream marks `omitempty`: they are left out, never set to an empty value.

/** `{groupVersion, version}` of one version of a group. */
export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** Where clients in a CIDR reach the server: `/api` lists one entry for everyone. */
export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

/** `GET /api`. Upstream leaves out apiVersion here. */
export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

/** One entry of `/apis`, and the body of `/apis/<group>` (with kind and apiVersion). */
export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

/** `GET /apis`. */
export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

/** One resource or subresource (`pods/status`) of an APIResourceList. */
export interface APIResource {
  name: string;
  /** '' for subresources. */
  singularName: string;
  namespaced: boolean;
  /** Only where a subresource's object is of another group/version (`deployments/scale`). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Only for resources with storage of their own. */
  storageVersionHash?: string;
}

/** `GET /api/v1`, `GET /apis/<group>/<version>`. Upstream leaves out apiVersion for /api/v1. */
export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion?: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

/** A group, version and kind in aggregated discovery; '' group/version mean "the parent's". */
export interface DiscoveryKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: DiscoveryKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: DiscoveryKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current';
}

export interface APIGroupDiscovery {
  /** `{}` for the core group, whose name is ''. */
  metadata: { name?: string };
  versions: APIVersionDiscovery[];
}

/** The aggregated discovery document of `/api` or `/apis`. */
export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}
