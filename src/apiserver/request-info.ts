// What a request path and method mean, in Kubernetes terms: the verb, and for resource
// requests the group, version, namespace, resource, name and subresource. Follows
// upstream's RequestInfoFactory, so that URLs clients build resolve the same way.

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'proxy'
  | 'connect';

export interface ResourceRequestInfo {
  readonly isResourceRequest: true;
  readonly verb: Verb;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** '' for cluster-scoped requests and for requests across all namespaces. */
  readonly namespace: string;
  readonly resource: string;
  /** '' when the request addresses a collection. */
  readonly name: string;
  readonly subresource: string;
  /** What follows the subresource (`nodes/n1/proxy/metrics/resource` → `metrics/resource`); '' mostly. */
  readonly subpath: string;
}

export interface NonResourceRequestInfo {
  readonly isResourceRequest: false;
  readonly verb: string;
  readonly path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

/** Subresources of a namespace: `namespaces/foo/status` addresses the namespace itself. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Parses a request. `query` is the parsed query string (for `watch=true`).
 * Paths that are not under /api or /apis, or that stop before a resource, are
 * non-resource requests (discovery, health, version, OpenAPI).
 */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const lowerMethod = method.toLowerCase();
  const segments = path.split('/').filter((s) => s !== '');
  const nonResource: NonResourceRequestInfo = { isResourceRequest: false, verb: lowerMethod, path };

  let rest: string[];
  let group = '';
  const prefix = segments[0];
  if (prefix === 'api') {
    rest = segments.slice(1);
  } else if (prefix === 'apis') {
    if (segments.length < 3) return nonResource;
    group = segments[1] ?? '';
    rest = segments.slice(2);
  } else {
    return nonResource;
  }
  const version = rest[0];
  if (version === undefined) return nonResource;
  let parts = rest.slice(1);
  if (parts.length === 0) return nonResource;

  let verb: Verb | undefined;
  if (parts[0] === 'watch') {
    // The deprecated /watch/ path prefix.
    verb = 'watch';
    parts = parts.slice(1);
  } else if (parts[0] === 'proxy') {
    verb = 'proxy';
    parts = parts.slice(1);
  }

  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length >= 2) {
    namespace = parts[1] ?? '';
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) {
      parts = parts.slice(2);
    }
  }
  const resource = parts[0] ?? '';
  const name = parts[1] ?? '';
  const subresource = parts[2] ?? '';
  const subpath = parts.slice(3).join('/');
  if (resource === '') return nonResource;

  verb ??= verbFor(lowerMethod, name !== '', query);
  // `namespaces/foo` names the namespace foo, which is not "in" itself.
  if (resource === 'namespaces' && parts[0] === 'namespaces' && name !== '' && namespace === name) {
    namespace = '';
  }
  return { isResourceRequest: true, verb, group, version, namespace, resource, name, subresource, subpath };
}

function verbFor(method: string, hasName: boolean, query: URLSearchParams): Verb {
  switch (method) {
    case 'get':
    case 'head':
      if (isTrue(query.get('watch'))) return 'watch';
      return hasName ? 'get' : 'list';
    case 'post':
      return 'create';
    case 'put':
      return 'update';
    case 'patch':
      return 'patch';
    case 'delete':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return 'connect';
  }
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}
