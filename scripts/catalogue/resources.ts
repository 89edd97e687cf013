// Derives the served resources from the document's paths, the way discovery describes
// them: each path names a group/version, an optional namespace, a resource and optionally
// a subresource; each operation's `x-kubernetes-action` gives a verb and its
// `x-kubernetes-group-version-kind` the kind. A resource is namespaced when any of its
// paths runs through /namespaces/{namespace}/.

import type { GeneratedResource, SubresourceInfo } from '../../src/api/catalogue.js';
import {
  HTTP_METHODS,
  OpenAPIInputError,
  definitionsByKind,
  gvksOf,
  kindKey,
  refName,
  type HTTPMethod,
  type OpenAPIDocument,
  type OpenAPIGVK,
  type OpenAPIOperation,
} from './openapi.js';
import { isServed } from './served.js';

interface ParsedPath {
  group: string;
  version: string;
  namespaced: boolean;
  resource: string;
  /** '' for the resource itself. */
  subresource: string;
}

interface Endpoint {
  gvk?: OpenAPIGVK;
  verbs: Set<string>;
}

interface DraftResource extends Endpoint {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /** Definition name of the list type, from the list operation's response. */
  listType?: string;
  subresources: Map<string, Endpoint>;
}

/** Discovery verbs of connect operations, by HTTP method; HEAD and OPTIONS are not listed. */
const CONNECT_VERBS: Partial<Record<HTTPMethod, string>> = {
  get: 'get',
  post: 'create',
  put: 'update',
  patch: 'patch',
  delete: 'delete',
};

const CORE_PATH = /^\/api\/(v[^/]+)\/(.*)$/;
const GROUP_PATH = /^\/apis\/([^/]+)\/(v[^/]+)\/(.*)$/;

/** What a path addresses, or undefined when it is not a resource path of a served group/version. */
function parsePath(path: string): ParsedPath | undefined {
  const core = CORE_PATH.exec(path);
  const named = core === null ? GROUP_PATH.exec(path) : null;
  const [group, version, rest] = core !== null ? ['', core[1], core[2]] : named !== null ? named.slice(1) : [];
  if (group === undefined || version === undefined || rest === undefined || !isServed(group, version)) return undefined;
  let segments = rest.split('/').filter((s) => s !== '');
  if (segments.length === 0) return undefined; // the group/version's own discovery document
  if (segments[0] === 'watch') segments = segments.slice(1);
  let namespaced = false;
  if (segments[0] === 'namespaces' && segments[1] === '{namespace}' && segments.length > 2) {
    namespaced = true;
    segments = segments.slice(2);
  }
  const [resource, name, subresource, tail, ...extra] = segments;
  if (resource === undefined || (name !== undefined && name !== '{name}') || (tail !== undefined && tail !== '{path}') || extra.length > 0) {
    throw new OpenAPIInputError(`path ${path} has an unexpected shape`);
  }
  return { group, version, namespaced, resource, subresource: subresource ?? '' };
}

/** The discovery verb of an operation, or undefined when discovery does not list it. */
function verbOf(action: string, method: HTTPMethod): string | undefined {
  switch (action) {
    case 'get':
    case 'list':
    case 'patch':
    case 'delete':
    case 'deletecollection':
    case 'watch':
      return action;
    case 'watchlist':
      return 'watch';
    case 'post':
      return 'create';
    case 'put':
      return 'update';
    case 'connect':
      return CONNECT_VERBS[method];
    default:
      throw new OpenAPIInputError(`unknown x-kubernetes-action ${action}`);
  }
}

function sameGVK(a: OpenAPIGVK, b: OpenAPIGVK): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

/** Records the kind of an endpoint, insisting that every operation agrees on it. */
function recordKind(endpoint: Endpoint, gvk: OpenAPIGVK | undefined, where: string): void {
  if (gvk === undefined) throw new OpenAPIInputError(`${where} has no x-kubernetes-group-version-kind`);
  if (endpoint.gvk !== undefined && !sameGVK(endpoint.gvk, gvk)) {
    throw new OpenAPIInputError(`${where} disagrees on its kind: ${kindKey(endpoint.gvk)} and ${kindKey(gvk)}`);
  }
  endpoint.gvk = { group: gvk.group, version: gvk.version, kind: gvk.kind };
}

function listTypeOf(operation: OpenAPIOperation, where: string): string {
  const ref = operation.responses?.['200']?.schema?.$ref;
  if (ref === undefined) throw new OpenAPIInputError(`${where}: the list operation has no response schema`);
  return refName(ref);
}

function draftFor(drafts: Map<string, DraftResource>, parsed: ParsedPath): DraftResource {
  const key = `${parsed.group}/${parsed.version}/${parsed.resource}`;
  let draft = drafts.get(key);
  if (draft === undefined) {
    const { group, version, resource, namespaced } = parsed;
    draft = { group, version, resource, namespaced, verbs: new Set(), subresources: new Map() };
    drafts.set(key, draft);
  }
  draft.namespaced ||= parsed.namespaced;
  return draft;
}

function addOperation(draft: DraftResource, parsed: ParsedPath, method: HTTPMethod, operation: OpenAPIOperation, where: string): void {
  const action = operation['x-kubernetes-action'];
  if (action === undefined) throw new OpenAPIInputError(`${where} has no x-kubernetes-action`);
  let endpoint: Endpoint = draft;
  if (parsed.subresource !== '') {
    endpoint = draft.subresources.get(parsed.subresource) ?? { verbs: new Set() };
    draft.subresources.set(parsed.subresource, endpoint);
  } else if (action === 'list') {
    draft.listType = listTypeOf(operation, where);
  }
  recordKind(endpoint, operation['x-kubernetes-group-version-kind'], where);
  const verb = verbOf(action, method);
  if (verb !== undefined) endpoint.verbs.add(verb);
}

function finishSubresource(name: string, endpoint: Endpoint, where: string): SubresourceInfo {
  if (endpoint.gvk === undefined || endpoint.verbs.size === 0) throw new OpenAPIInputError(`${where}/${name} has no kind or no verbs`);
  return { name, group: endpoint.gvk.group, version: endpoint.gvk.version, kind: endpoint.gvk.kind, verbs: [...endpoint.verbs].sort() };
}

function finishResource(draft: DraftResource, doc: OpenAPIDocument, byKind: Map<string, string>): GeneratedResource {
  const where = `${draft.group}/${draft.version}/${draft.resource}`;
  const gvk = draft.gvk;
  if (gvk === undefined) throw new OpenAPIInputError(`${where} has subresources but no paths of its own`);
  if (gvk.group !== draft.group || gvk.version !== draft.version) {
    throw new OpenAPIInputError(`${where} serves kind ${kindKey(gvk)} of another group/version`);
  }
  const typeName = byKind.get(kindKey(gvk));
  if (typeName === undefined) throw new OpenAPIInputError(`no definition declares kind ${kindKey(gvk)}`);
  let listKind = '';
  if (draft.listType !== undefined) {
    const definition = doc.definitions[draft.listType];
    const listGVK = definition && gvksOf(definition).find((k) => k.group === gvk.group && k.version === gvk.version);
    if (listGVK === undefined) throw new OpenAPIInputError(`${where}: list type ${draft.listType} declares no kind`);
    listKind = listGVK.kind;
  }
  return {
    group: draft.group,
    version: draft.version,
    resource: draft.resource,
    singular: gvk.kind.toLowerCase(),
    kind: gvk.kind,
    listKind,
    namespaced: draft.namespaced,
    verbs: [...draft.verbs].sort(),
    subresources: [...draft.subresources.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, endpoint]) => finishSubresource(name, endpoint, where)),
    typeName,
  };
}

function compareResources(a: GeneratedResource, b: GeneratedResource): number {
  const ka = [a.group, a.version, a.resource];
  const kb = [b.group, b.version, b.resource];
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Every resource of every served group/version, sorted by group, version and resource. */
export function extractResources(doc: OpenAPIDocument): GeneratedResource[] {
  const drafts = new Map<string, DraftResource>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const parsed = parsePath(path);
    if (parsed === undefined) continue;
    const draft = draftFor(drafts, parsed);
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenAPIOperation | undefined;
      if (operation !== undefined) addOperation(draft, parsed, method, operation, `${method.toUpperCase()} ${path}`);
    }
  }
  const byKind = definitionsByKind(doc);
  return [...drafts.values()].map((draft) => finishResource(draft, doc, byKind)).sort(compareResources);
}
