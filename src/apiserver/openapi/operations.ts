// The HTTP surface the OpenAPI documents describe, derived from the API catalogue: every
// path of every served resource with its operations (method, operation id, action,
// group/version/kind, parameters, request body, responses), plus the discovery and
// version endpoints. Paths, operation ids and tags follow upstream's installer, so that
// generated clients and tools that look operations up find them under the same names.
// The v2 and v3 builders render this one model.

import { groups, resourcesOf, typeNameOf, type KindRef, type ResourceInfo, type SubresourceInfo } from '../../api/catalogue.js';
import { strategyFor } from '../../api/strategies.js';
import { invariant } from '../../machinery/invariant.js';
import * as P from './parameters.js';
import type { Parameter } from './parameters.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';
export type Action = 'get' | 'list' | 'watch' | 'watchlist' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection' | 'connect';

export interface ResponseSpec {
  readonly code: '200' | '201' | '202' | '401';
  readonly description: string;
  /** The type of the body; absent for 401; 'string' bodies (logs, connect) set `text`. */
  readonly typeName?: string;
  readonly text?: true;
}

export interface OperationSpec {
  readonly method: HttpMethod;
  readonly operationId: string;
  readonly tag: string;
  /** Absent on the discovery and version endpoints. */
  readonly action?: Action;
  readonly gvk?: KindRef;
  readonly parameters: readonly Parameter[];
  readonly body?: { readonly typeName: string; readonly required: boolean };
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
  readonly responses: readonly ResponseSpec[];
}

export interface PathSpec {
  readonly path: string;
  /** The OpenAPI v3 document the path belongs to: `api/v1`, `apis/apps/v1`, `apis/apps`, `api`, `apis`, `version`. */
  readonly document: string;
  readonly operations: readonly OperationSpec[];
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const STATUS = `${META}Status`;

/** What kubets writes (no protobuf, no CBOR). */
const OBJECT_MEDIA = ['application/json', 'application/yaml'];
const LIST_MEDIA = [...OBJECT_MEDIA, 'application/json;stream=watch'];
const ANY_MEDIA = ['*/*'];
const PATCH_MEDIA = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
  'application/apply-patch+cbor',
];

const UNAUTHORIZED: ResponseSpec = { code: '401', description: 'Unauthorized' };
const DESCRIPTIONS = { '200': 'OK', '201': 'Created', '202': 'Accepted' } as const;

function responses(typeName: string, codes: readonly ('200' | '201' | '202')[]): ResponseSpec[] {
  return [...codes.map((code) => ({ code, description: DESCRIPTIONS[code], typeName })), UNAUTHORIZED];
}

const TEXT_RESPONSES: readonly ResponseSpec[] = [{ code: '200', description: 'OK', text: true }, UNAUTHORIZED];

/** Every path of the served API, the discovery paths first. */
export function allPaths(): PathSpec[] {
  const out: PathSpec[] = [...discoveryPaths()];
  for (const group of groups()) {
    for (const version of group.versions) {
      for (const info of resourcesOf(group.name, version)) out.push(...resourcePaths(info));
    }
  }
  return out;
}

/** `apps` → `Apps`, `rbac.authorization.k8s.io` → `RbacAuthorization`, '' → `Core`. */
function groupTitle(group: string): string {
  if (group === '') return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(capitalize).join('');
}

/** `apps_v1`, `rbacAuthorization_v1`, `core_v1`; without a version, the group's own tag. */
function tagOf(group: string, version?: string): string {
  const title = groupTitle(group);
  const camel = title.charAt(0).toLowerCase() + title.slice(1);
  return version === undefined ? camel : `${camel}_${version}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function prefixOf(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

function discoveryPaths(): PathSpec[] {
  const get = (operationId: string, tag: string, typeName: string): OperationSpec => ({
    method: 'get',
    operationId,
    tag,
    parameters: [],
    consumes: OBJECT_MEDIA,
    produces: OBJECT_MEDIA,
    responses: responses(typeName, ['200']),
  });
  const out: PathSpec[] = [
    { path: '/api/', document: 'api', operations: [get('getCoreAPIVersions', 'core', `${META}APIVersions`)] },
    { path: '/apis/', document: 'apis', operations: [get('getAPIVersions', 'apis', `${META}APIGroupList`)] },
  ];
  for (const group of groups()) {
    if (group.name !== '') {
      const path = `/apis/${group.name}/`;
      out.push({ path, document: `apis/${group.name}`, operations: [get(`get${groupTitle(group.name)}APIGroup`, tagOf(group.name), `${META}APIGroup`)] });
    }
    for (const version of group.versions) {
      const operationId = `get${groupTitle(group.name)}${capitalize(version)}APIResources`;
      const operation = get(operationId, tagOf(group.name, version), `${META}APIResourceList`);
      out.push({ path: `${prefixOf(group.name, version)}/`, document: documentOf(group.name, version), operations: [operation] });
    }
  }
  const version: OperationSpec = {
    ...get('getCodeVersion', 'version', 'io.k8s.apimachinery.pkg.version.Info'),
    consumes: ['application/json'],
    produces: ['application/json'],
  };
  out.push({ path: '/version/', document: 'version', operations: [version] });
  return out;
}

function documentOf(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** The names that make up a resource's operation ids and paths. */
interface ResourceNaming {
  readonly info: ResourceInfo;
  /** `AppsV1` */
  readonly gv: string;
  /** `Namespaced` or '' */
  readonly scope: string;
  readonly tag: string;
  readonly gvk: KindRef;
  readonly prefix: string;
  /** `/namespaces/{namespace}` or '' */
  readonly namespaceSegment: string;
  /** `[namespace]` or `[]` */
  readonly scopeParameters: readonly Parameter[];
  readonly document: string;
}

function namingOf(info: ResourceInfo): ResourceNaming {
  return {
    info,
    gv: groupTitle(info.group) + capitalize(info.version),
    scope: info.namespaced ? 'Namespaced' : '',
    tag: tagOf(info.group, info.version),
    gvk: { group: info.group, version: info.version, kind: info.kind },
    prefix: prefixOf(info.group, info.version),
    namespaceSegment: info.namespaced ? '/namespaces/{namespace}' : '',
    scopeParameters: info.namespaced ? [P.NAMESPACE] : [],
    document: documentOf(info.group, info.version),
  };
}

function typeOf(group: string, version: string, kind: string): string {
  const name = typeNameOf(group, version, kind);
  invariant(name !== undefined, `the API catalogue has a type for ${group}/${version} ${kind}`);
  return name;
}

/** The paths of one resource: collection, item, watch and subresource paths that its verbs call for. */
function resourcePaths(info: ResourceInfo): PathSpec[] {
  const n = namingOf(info);
  const verbs = new Set(info.verbs);
  const collection = `${n.prefix}${n.namespaceSegment}/${info.resource}`;
  const item = `${collection}/{name}`;
  const out: PathSpec[] = [];
  const add = (path: string, operations: OperationSpec[]): void => {
    if (operations.length > 0) out.push({ path, document: n.document, operations });
  };
  add(collection, collectionOperations(n, verbs));
  if (info.namespaced && verbs.has('list')) {
    add(`${n.prefix}/${info.resource}`, [listOperation(n, `list${n.gv}${info.kind}ForAllNamespaces`, [])]);
  }
  add(item, itemOperations(n, verbs));
  if (verbs.has('watch')) {
    const watchCollection = `${n.prefix}/watch${n.namespaceSegment}/${info.resource}`;
    add(watchCollection, [watchOperation(n, 'watchlist', `watch${n.gv}${n.scope}${info.kind}List`, n.scopeParameters)]);
    if (info.namespaced) add(`${n.prefix}/watch/${info.resource}`, [watchOperation(n, 'watchlist', `watch${n.gv}${info.kind}ListForAllNamespaces`, [])]);
    if (verbs.has('get')) add(`${watchCollection}/{name}`, [watchOperation(n, 'watch', `watch${n.gv}${n.scope}${info.kind}`, [P.NAME, ...n.scopeParameters])]);
  }
  for (const sub of info.subresources) out.push(...subresourcePaths(n, sub, `${item}/${sub.name}`));
  return out;
}

/** An operation of a resource: tag, gvk and `pretty` filled in. */
function resourceOperation(n: ResourceNaming, spec: Omit<OperationSpec, 'tag' | 'gvk'> & { gvk?: KindRef }): OperationSpec {
  return { ...spec, tag: n.tag, gvk: spec.gvk ?? n.gvk, parameters: [...spec.parameters, P.PRETTY] };
}

function listOperation(n: ResourceNaming, operationId: string, scopeParameters: readonly Parameter[]): OperationSpec {
  const listType = typeOf(n.info.group, n.info.version, n.info.listKind);
  return resourceOperation(n, {
    method: 'get',
    operationId,
    action: 'list',
    parameters: [...scopeParameters, ...P.LIST],
    consumes: ANY_MEDIA,
    produces: LIST_MEDIA,
    responses: responses(listType, ['200']),
  });
}

function watchOperation(n: ResourceNaming, action: 'watch' | 'watchlist', operationId: string, pathParameters: readonly Parameter[]): OperationSpec {
  return resourceOperation(n, {
    method: 'get',
    operationId,
    action,
    parameters: [...pathParameters, ...P.LIST],
    consumes: ANY_MEDIA,
    produces: LIST_MEDIA,
    responses: responses(`${META}WatchEvent`, ['200']),
  });
}

function collectionOperations(n: ResourceNaming, verbs: ReadonlySet<string>): OperationSpec[] {
  const { info } = n;
  const ops: OperationSpec[] = [];
  if (verbs.has('list')) ops.push(listOperation(n, `list${n.gv}${n.scope}${info.kind}`, n.scopeParameters));
  if (verbs.has('create')) ops.push(createOperation(n, `create${n.gv}${n.scope}${info.kind}`, n.scopeParameters, n.gvk));
  if (verbs.has('deletecollection')) {
    ops.push(
      resourceOperation(n, {
        method: 'delete',
        operationId: `delete${n.gv}Collection${n.scope}${info.kind}`,
        action: 'deletecollection',
        parameters: [...n.scopeParameters, ...P.DELETE_COLLECTION],
        body: { typeName: `${META}DeleteOptions`, required: false },
        consumes: ANY_MEDIA,
        produces: OBJECT_MEDIA,
        responses: responses(STATUS, ['200']),
      }),
    );
  }
  return ops;
}

function createOperation(n: ResourceNaming, operationId: string, pathParameters: readonly Parameter[], gvk: KindRef): OperationSpec {
  const typeName = typeOf(gvk.group, gvk.version, gvk.kind);
  return resourceOperation(n, {
    method: 'post',
    operationId,
    action: 'post',
    gvk,
    parameters: [...pathParameters, ...P.WRITE],
    body: { typeName, required: true },
    consumes: ANY_MEDIA,
    produces: OBJECT_MEDIA,
    responses: responses(typeName, ['200', '201', '202']),
  });
}

/** get, replace and patch of an object or of a subresource that reads and writes one. */
function readWriteOperations(n: ResourceNaming, verbs: ReadonlySet<string>, idSuffix: string, pathParameters: readonly Parameter[], gvk: KindRef): OperationSpec[] {
  const typeName = typeOf(gvk.group, gvk.version, gvk.kind);
  const common = { gvk, consumes: ANY_MEDIA, produces: OBJECT_MEDIA };
  const ops: OperationSpec[] = [];
  if (verbs.has('get')) {
    ops.push(resourceOperation(n, { ...common, method: 'get', operationId: `read${idSuffix}`, action: 'get', parameters: pathParameters, responses: responses(typeName, ['200']) }));
  }
  if (verbs.has('update')) {
    ops.push(
      resourceOperation(n, {
        ...common,
        method: 'put',
        operationId: `replace${idSuffix}`,
        action: 'put',
        parameters: [...pathParameters, ...P.WRITE],
        body: { typeName, required: true },
        responses: responses(typeName, ['200', '201']),
      }),
    );
  }
  if (verbs.has('patch')) {
    ops.push(
      resourceOperation(n, {
        ...common,
        method: 'patch',
        operationId: `patch${idSuffix}`,
        action: 'patch',
        parameters: [...pathParameters, ...P.PATCH],
        body: { typeName: `${META}Patch`, required: true },
        consumes: PATCH_MEDIA,
        responses: responses(typeName, ['200', '201']),
      }),
    );
  }
  return ops;
}

function itemOperations(n: ResourceNaming, verbs: ReadonlySet<string>): OperationSpec[] {
  const { info } = n;
  const pathParameters = [P.NAME, ...n.scopeParameters];
  const ops = readWriteOperations(n, verbs, `${n.gv}${n.scope}${info.kind}`, pathParameters, n.gvk);
  if (verbs.has('delete')) {
    // Kinds whose DELETE answers with the object (pods, services, …) say so here too.
    const answer = strategyFor(info).returnDeletedObject ? info.typeName : STATUS;
    ops.push(
      resourceOperation(n, {
        method: 'delete',
        operationId: `delete${n.gv}${n.scope}${info.kind}`,
        action: 'delete',
        parameters: [...pathParameters, ...P.DELETE],
        body: { typeName: `${META}DeleteOptions`, required: false },
        consumes: ANY_MEDIA,
        produces: OBJECT_MEDIA,
        responses: responses(answer, ['200', '202']),
      }),
    );
  }
  return ops;
}

/** Discovery verbs of connect subresources, by HTTP method. */
const CONNECT_METHODS: readonly (readonly [HttpMethod, string])[] = [
  ['delete', 'delete'],
  ['get', 'get'],
  ['patch', 'patch'],
  ['post', 'create'],
  ['put', 'update'],
];

function subresourcePaths(n: ResourceNaming, sub: SubresourceInfo, path: string): PathSpec[] {
  const { info } = n;
  const pathParameters = [P.NAME, ...n.scopeParameters];
  const options = P.SUBRESOURCE_OPTIONS[`${info.resource}/${sub.name}`] ?? [];
  const gvk: KindRef = { group: sub.group, version: sub.version, kind: sub.kind };
  const idSuffix = `${n.gv}${n.scope}${info.kind}${capitalize(sub.name)}`;
  const verbs = new Set(sub.verbs);
  if (sub.kind.endsWith('Options')) {
    // Connect subresources (exec, attach, portforward, proxy) stream; proxy also takes
    // HEAD and OPTIONS and a path after it.
    const connect = (withPath: boolean): OperationSpec[] => {
      const methods = CONNECT_METHODS.filter(([, verb]) => verbs.has(verb)).map(([method]) => method);
      if (sub.name === 'proxy') methods.push('head', 'options');
      return methods.map((method) => ({
        method,
        operationId: `connect${n.gv}${capitalize(method)}${n.scope}${info.kind}${capitalize(sub.name)}${withPath ? 'WithPath' : ''}`,
        tag: n.tag,
        action: 'connect',
        gvk,
        parameters: [...pathParameters, ...(withPath ? [P.PROXY_PATH] : []), ...options],
        consumes: ANY_MEDIA,
        produces: ANY_MEDIA,
        responses: TEXT_RESPONSES,
      }));
    };
    const out = [{ path, document: n.document, operations: connect(false) }];
    if (sub.name === 'proxy') out.push({ path: `${path}/{path}`, document: n.document, operations: connect(true) });
    return out;
  }
  if (sub.name === 'log') {
    const read = resourceOperation(n, {
      method: 'get',
      operationId: `read${idSuffix}`,
      action: 'get',
      gvk,
      parameters: [...pathParameters, ...options],
      consumes: ANY_MEDIA,
      produces: ['text/plain', ...OBJECT_MEDIA],
      responses: TEXT_RESPONSES,
    });
    return [{ path, document: n.document, operations: [read] }];
  }
  const ops = readWriteOperations(n, verbs, idSuffix, pathParameters, gvk);
  if (verbs.has('create')) ops.push(createOperation(n, `create${idSuffix}`, pathParameters, gvk));
  return [{ path, document: n.document, operations: ops }];
}
