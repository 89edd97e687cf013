// Access to any group/version/resource without generated code:
//   client.resource({ group: 'apps', version: 'v1', resource: 'deployments' })
//     .namespace('default').get('web')
// One class serves namespaced and cluster-scoped resources: without `.namespace(ns)` a
// namespaced resource is addressed across all namespaces (list, watch) — as kubectl's
// `--all-namespaces`. Objects are plain JSON; `T` only names the shape the caller expects.

import type { Status } from '../../machinery/errors.js';
import type { KubeObject, ListMeta } from '../../machinery/meta.js';
import type { GroupResource, GroupVersionResource } from '../../machinery/schema.js';
import { startWatch, type WatchEventHandler, type WatchHandle, type WatchOptions } from '../watch/watch-stream.js';
import type { QueryValue, RestClient } from './rest-client.js';
import type { HttpMethod } from './transport.js';

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  /** '' or unset: the latest; '0': any; N: not older than N (or exactly N, see below). */
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  readonly timeoutSeconds?: number;
  readonly signal?: AbortSignal;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
  readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  readonly signal?: AbortSignal;
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take over conflicting fields. */
  readonly force?: boolean;
  /** `status`, `scale`, … */
  readonly subresource?: string;
}

export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

/** json: RFC 6902; merge: RFC 7386; strategic: Kubernetes' strategic merge; apply: server-side apply. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata: ListMeta;
  items: T[];
}

/** Thrown when an object given to update/updateStatus has no name. */
export class MissingNameError extends Error {
  constructor(readonly operation: string) {
    super(`${operation}: the object has no metadata.name`);
    this.name = 'MissingNameError';
  }
}

/**
 * Requests on one resource, optionally within one namespace.
 * Contract: every method rejects as RestClient.request does (APIError carrying the
 * server's Status, NetworkError, …); none mutates the objects passed in.
 */
export class ResourceClient<T extends KubeObject = KubeObject> {
  readonly groupResource: GroupResource;

  constructor(
    readonly rest: RestClient,
    readonly gvr: GroupVersionResource,
    readonly ns?: string,
  ) {
    this.groupResource = { group: gvr.group, resource: gvr.resource };
  }

  /** The same resource within `namespace`. */
  namespace(namespace: string): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.gvr, namespace);
  }

  /** `/api/v1/namespaces/ns/pods[/name[/subresource]]` */
  path(name?: string, subresource?: string): string {
    const { group, version, resource } = this.gvr;
    let path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    if (this.ns !== undefined && this.ns !== '') path += `/namespaces/${encodeURIComponent(this.ns)}`;
    path += `/${resource}`;
    if (name !== undefined) path += `/${encodeURIComponent(name)}`;
    if (subresource !== undefined) path += `/${subresource}`;
    return path;
  }

  get(name: string, options: { resourceVersion?: string; signal?: AbortSignal } = {}): Promise<T> {
    return this.call('GET', this.path(name), { resourceVersion: options.resourceVersion }, undefined, options.signal, name);
  }

  list(options: ListOptions = {}): Promise<ObjectList<T>> {
    return this.call('GET', this.path(), listQuery(options), undefined, options.signal);
  }

  create(obj: T, options: WriteOptions = {}): Promise<T> {
    return this.call('POST', this.path(), writeQuery(options), obj, options.signal, obj.metadata?.name);
  }

  /** PUT of the whole object; its metadata.resourceVersion, if set, must be current (else 409). */
  update(obj: T, options: WriteOptions = {}): Promise<T> {
    const name = nameOf(obj, 'update');
    return this.call('PUT', this.path(name), writeQuery(options), obj, options.signal, name);
  }

  /** PUT to the status subresource: only the status changes. */
  updateStatus(obj: T, options: WriteOptions = {}): Promise<T> {
    const name = nameOf(obj, 'updateStatus');
    return this.call('PUT', this.path(name, 'status'), writeQuery(options), obj, options.signal, name);
  }

  /** Patches `name`; `body` is the patch document (an object, an array for `json`, or a string). */
  patch(name: string, type: PatchType, body: unknown, options: PatchOptions = {}): Promise<T> {
    const query = { ...writeQuery(options), force: options.force };
    return this.rest.request<T>({
      method: 'PATCH',
      path: this.path(name, options.subresource),
      query,
      body,
      contentType: PATCH_CONTENT_TYPES[type],
      signal: options.signal,
      resource: this.groupResource,
      name,
    });
  }

  /** Deletes `name`; resolves with the object (still there while finalizers or grace remain) or a Status. */
  delete(name: string, options: DeleteOptions = {}): Promise<T | Status> {
    return this.call('DELETE', this.path(name), {}, deleteBody(options), options.signal, name);
  }

  /** Deletes every object the list options select. */
  deleteCollection(listOptions: ListOptions = {}, options: DeleteOptions = {}): Promise<ObjectList<T> | Status> {
    return this.call('DELETE', this.path(), listQuery(listOptions), deleteBody(options), options.signal ?? listOptions.signal);
  }

  /**
   * One watch request (see watch/watch-stream.ts): events go to `onEvent` until the server
   * closes the stream, a timeout fires, an error arrives, or stop() is called.
   */
  watch(options: WatchOptions, onEvent: WatchEventHandler<T>): WatchHandle {
    return startWatch(this.rest, this.path(), options, onEvent);
  }

  private call<R>(method: HttpMethod, path: string, query: Record<string, QueryValue>, body: unknown, signal: AbortSignal | undefined, name?: string): Promise<R> {
    return this.rest.request<R>({ method, path, query, body, signal, resource: this.groupResource, name });
  }
}

function nameOf(obj: KubeObject, operation: string): string {
  const name = obj.metadata?.name;
  if (name === undefined || name === '') throw new MissingNameError(operation);
  return name;
}

function listQuery(options: ListOptions): Record<string, QueryValue> {
  return {
    labelSelector: options.labelSelector || undefined,
    fieldSelector: options.fieldSelector || undefined,
    limit: options.limit,
    continue: options.continue || undefined,
    resourceVersion: options.resourceVersion,
    resourceVersionMatch: options.resourceVersionMatch,
    timeoutSeconds: options.timeoutSeconds,
  };
}

function writeQuery(options: WriteOptions): Record<string, QueryValue> {
  return {
    dryRun: options.dryRun ? 'All' : undefined,
    fieldManager: options.fieldManager,
    fieldValidation: options.fieldValidation,
  };
}

function deleteBody(options: DeleteOptions): object | undefined {
  const body: Record<string, unknown> = {};
  if (options.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
  if (options.propagationPolicy !== undefined) body.propagationPolicy = options.propagationPolicy;
  if (options.preconditions !== undefined) body.preconditions = options.preconditions;
  if (options.dryRun) body.dryRun = ['All'];
  return Object.keys(body).length === 0 ? undefined : { apiVersion: 'v1', kind: 'DeleteOptions', ...body };
}
