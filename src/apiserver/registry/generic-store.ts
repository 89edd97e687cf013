// What is the same for every resource between a handler and the store: keys, system
// metadata (uid, creationTimestamp, generation, resourceVersion), optimistic concurrency,
// generateName retries, finalizers and deletion, and reads served from the watch cache.
// Handlers speak in objects of the storage version; conversion happens before and after.

import { randomUUID } from 'node:crypto';
import type { Requester, Strategy } from '../../api/strategy.js';
import * as errors from '../../machinery/errors.js';
import { required, root, type FieldError } from '../../machinery/field-errors.js';
import type { Store } from '../../storage/store.js';
import { ConflictError, KeyExistsError, KeyNotFoundError } from '../../storage/errors.js';
import { cloneObject, encodeForStorage, decodeFromStorage, storedBytes, type KubeObject } from '../object.js';
import { generateObjectName } from '../../machinery/names.js';
import type { CacheHub } from './cache-hub.js';
import type { WatchCache } from './watch-cache.js';
import { nowTimestamp } from './time.js';
import { storeErrorToAPIError } from './store-errors.js';
import { planDeletion, updateCompletesDeletion, type PropagationPolicy } from './deletion.js';

/** Identity of a stored resource. */
export interface ResourceIdentity {
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** apiVersion of the objects as stored (the storage version). */
  readonly storageApiVersion: string;
  /** `/registry/<group>/<resource>/` (core: `/registry/<resource>/`). */
  readonly keyPrefix: string;
}

/** How namespaced writes learn whether their namespace may receive objects. */
export type NamespaceState = 'active' | 'terminating' | 'missing';

export interface StoreDeps {
  readonly store: Store;
  readonly hub: CacheHub;
  readonly namespaceState: (namespace: string) => Promise<NamespaceState>;
  /** Structural (schema) validation of a whole object; returns field errors. */
  readonly validateSchema: (obj: KubeObject) => FieldError[];
  /**
   * Whether the kinds' own validation runs (always, but in tests that store upstream's
   * randomly filled testdata objects, whose values break the kinds' rules).
   */
  readonly kindValidation: boolean;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  /**
   * The write is the server's own (pods/binding, eviction bookkeeping, the `kubernetes`
   * Endpoints on loopback): it means exactly what it says, so the kind's rules and
   * validation do not apply; the structure is still checked.
   */
  readonly trusted?: boolean;
  /** Who asks (creates only; kinds that record the requester read it). */
  readonly requester?: Requester;
}

export interface DeleteOptions extends WriteOptions {
  readonly preconditions?: { uid?: string; resourceVersion?: string };
  readonly propagationPolicy?: PropagationPolicy;
  readonly gracePeriodSeconds?: number;
}

export interface DeleteOutcome {
  /** The object as it is now: gone (the last state) or still there with deletionTimestamp. */
  readonly object: KubeObject;
  /** False when finalizers keep the object. */
  readonly deleted: boolean;
}

/** Updates the current object (a private copy) into the desired one; may throw APIError. */
export type UpdateFn = (current: KubeObject) => KubeObject | Promise<KubeObject>;

export interface UpdateOptions extends WriteOptions {
  /** '' for the main resource; 'status', 'finalize' or a strategy's partial-update subresource. */
  readonly subresource: string;
  /** Create when missing (PUT on kinds that allow it); the fn receives undefined then. */
  readonly createIfMissing?: boolean;
  /**
   * The client named the resourceVersion it wrote against (a PUT with one, a patch that
   * sets it): a concurrent write is then a 409. Otherwise the update is a read-modify-write
   * of whatever is current, and is retried on the fresh object.
   */
  readonly strictResourceVersion?: boolean;
}

/**
 * Work a kind needs around its writes that reaches beyond the object (allocating a
 * Service's cluster IP and node ports, releasing them), as upstream's BeginCreate,
 * BeginUpdate and AfterDelete hooks.
 */
export interface StoreHooks {
  /** Before validation of a create; the returned function runs after, told whether the object was stored. */
  beginCreate?(obj: KubeObject, options: WriteOptions): Promise<(stored: boolean) => Promise<void>>;
  /** Before validation of an update of the main resource; likewise. */
  beginUpdate?(obj: KubeObject, old: KubeObject, options: WriteOptions): Promise<(stored: boolean) => Promise<void>>;
  /** After the object is gone from the store. */
  afterDelete?(obj: KubeObject): Promise<void>;
}

const GENERATE_NAME_ATTEMPTS = 8;
const CONFLICT_RETRIES = 16;

export class GenericStore {
  readonly qualifiedResource: { group: string; resource: string };
  readonly qualifiedKind: { group: string; kind: string };
  /** What the server does around writes of this kind (allocations); set once at start. */
  hooks: StoreHooks = {};

  constructor(
    readonly identity: ResourceIdentity,
    readonly strategy: Strategy,
    readonly cache: WatchCache,
    private readonly deps: StoreDeps,
    /** How errors name the resource: the served one, when it is stored as another. */
    served: { group: string; resource: string; kind: string } = identity,
  ) {
    this.qualifiedResource = { group: served.group, resource: served.resource };
    this.qualifiedKind = { group: served.group, kind: served.kind };
  }

  /** The same store, naming itself in errors as the served resource `served`. */
  servedAs(served: { group: string; resource: string; kind: string }): GenericStore {
    if (served.group === this.identity.group && served.resource === this.identity.resource) return this;
    const view = new GenericStore(this.identity, this.strategy, this.cache, this.deps, served);
    view.hooks = this.hooks;
    return view;
  }

  get hub(): CacheHub {
    return this.deps.hub;
  }

  get store(): Store {
    return this.deps.store;
  }

  key(namespace: string, name: string): string {
    return this.identity.namespaced ? `${this.identity.keyPrefix}${namespace}/${name}` : `${this.identity.keyPrefix}${name}`;
  }

  /** Key prefix of a namespace's objects, or of all objects. */
  scopePrefix(namespace: string): string {
    return this.identity.namespaced && namespace !== '' ? `${this.identity.keyPrefix}${namespace}/` : this.identity.keyPrefix;
  }

  /** The current object, read from the cache once it has seen every acknowledged write. */
  async get(namespace: string, name: string): Promise<KubeObject> {
    const obj = await this.readLatest(namespace, name);
    if (obj === undefined) throw errors.notFound(this.qualifiedResource, name);
    return obj;
  }

  /** Like get, but undefined for a missing object. */
  async readLatest(namespace: string, name: string): Promise<KubeObject | undefined> {
    const key = this.key(namespace, name);
    if (await this.deps.hub.waitForLatest()) return this.cache.get(key);
    // The cache is lagging (rare): read through to the store.
    const stored = await this.deps.store.get(key).catch((e: unknown) => Promise.reject(storeErrorToAPIError(e, this)));
    return stored === undefined ? undefined : decodeFromStorage(stored.value, stored.modRevision);
  }

  /** The objects (of a namespace, or all) that pass `filter`, from a cache that has seen every acknowledged write. */
  async listLatest(namespace: string, filter: (obj: KubeObject) => boolean): Promise<KubeObject[]> {
    await this.deps.hub.waitForLatest();
    return this.cache.list(this.scopePrefix(namespace), filter);
  }

  async create(namespace: string, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const obj = cloneObject(input);
    await this.admitNamespace(namespace, obj);
    // Upstream defaults while decoding, before the strategy prepares the object; defaults
    // of what preparing resets (status) are filled again after it.
    // System fields first (a Job's generated selector needs its uid), as upstream fills them.
    this.fillCreateMetadata(obj);
    const generated = !input.metadata.name && !!input.metadata.generateName;
    if (generated) obj.metadata.name = generateObjectName(obj.metadata.generateName as string);
    this.strategy.applyDefaults(obj);
    this.strategy.prepareForCreate(obj, options.requester);
    // Allocations (a Service's cluster IP) come before validation, which checks them.
    const finish = (await this.hooks.beginCreate?.(obj, options)) ?? (async () => {});
    let stored = false;
    try {
      this.strategy.applyDefaults(obj);
      this.validate(obj, options.trusted ? [] : this.strategy.validate(obj));
      if (options.dryRun) return this.dryRunResult(obj);
      const created = await this.storeNew(namespace, obj, generated);
      stored = true;
      return created;
    } finally {
      await finish(stored);
    }
  }

  /** Writes a new object, drawing another generated name when one collides. */
  private async storeNew(namespace: string, obj: KubeObject, generated: boolean): Promise<KubeObject> {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.deps.store.create(this.key(namespace, obj.metadata.name as string), encodeForStorage(obj));
        obj.metadata.resourceVersion = String(stored.modRevision);
        return obj;
      } catch (error) {
        if (error instanceof KeyExistsError) {
          if (generated && attempt < GENERATE_NAME_ATTEMPTS) {
            obj.metadata.name = generateObjectName(obj.metadata.generateName as string);
            continue;
          }
          if (generated) throw errors.generateNameConflict(this.qualifiedResource, obj.metadata.name as string, 1);
          throw errors.alreadyExists(this.qualifiedResource, obj.metadata.name as string);
        }
        throw storeErrorToAPIError(error, this);
      }
    }
  }

  /**
   * Read-modify-write with optimistic concurrency. `fn` gets a private copy of the current
   * object. When the result carries a resourceVersion that differs from the current one,
   * the update fails with 409; a concurrent write is a 409 with `strictResourceVersion`,
   * and otherwise retried on the fresh object.
   */
  async update(namespace: string, name: string, fn: UpdateFn, options: UpdateOptions): Promise<{ object: KubeObject; created: boolean }> {
    const key = this.key(namespace, name);
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      const current = await this.readLatest(namespace, name);
      if (current === undefined) {
        if (!options.createIfMissing) throw errors.notFound(this.qualifiedResource, name);
        const desired = await fn(undefined as unknown as KubeObject);
        return { object: await this.create(namespace, desired, options), created: true };
      }
      const desired = cloneObject(await fn(cloneObject(current)));
      const requestedVersion = desired.metadata.resourceVersion;
      if (requestedVersion && requestedVersion !== current.metadata.resourceVersion) {
        throw errors.conflict(this.qualifiedResource, name, errors.OBJECT_MODIFIED_ERROR);
      }
      if (!requestedVersion && !this.strategy.allowUnconditionalUpdate) {
        throw errors.invalid(this.qualifiedKind, name, []);
      }
      const next = options.trusted ? desired : this.prepareUpdate(desired, current, options.subresource);
      if (current.metadata.deletionTimestamp && updateCompletesDeletion(next, this.strategy)) {
        // The last finalizer is gone from an object being deleted: delete it now.
        if (options.dryRun) return { object: next, created: false };
        const outcome = await this.removeNow(namespace, name, current);
        return { object: outcome, created: false };
      }
      const beginUpdate = !options.trusted && options.subresource === '' ? this.hooks.beginUpdate : undefined;
      const finish = (await beginUpdate?.(next, current, options)) ?? (async () => {});
      let stored = false;
      try {
        if (!options.trusted) this.validate(next, this.updateErrors(next, current, options.subresource));
        next.metadata.resourceVersion = current.metadata.resourceVersion;
        const bytes = encodeForStorage(next);
        if (sameBytes(bytes, storedBytes(current))) return { object: current, created: false };
        if (options.dryRun) return { object: this.dryRunResult(next), created: false };
        const written = await this.deps.store.update(key, bytes, Number(current.metadata.resourceVersion));
        stored = true;
        next.metadata.resourceVersion = String(written.modRevision);
        return { object: next, created: false };
      } catch (error) {
        if (error instanceof ConflictError) {
          if (options.strictResourceVersion) throw errors.conflict(this.qualifiedResource, name, errors.OBJECT_MODIFIED_ERROR);
          await this.deps.hub.waitFor(error.current.modRevision, 1000);
          continue;
        }
        if (error instanceof KeyNotFoundError) throw errors.notFound(this.qualifiedResource, name);
        throw storeErrorToAPIError(error, this);
      } finally {
        await finish(stored);
      }
    }
    throw errors.conflict(this.qualifiedResource, name, 'too many concurrent updates; please try again');
  }

  /**
   * Deletes an object, or marks it for deletion (deletionTimestamp) when finalizers or
   * the propagation policy keep it.
   */
  async delete(namespace: string, name: string, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      const current = await this.readLatest(namespace, name);
      if (current === undefined) throw errors.notFound(this.qualifiedResource, name);
      this.checkPreconditions(current, options);
      const plan = planDeletion(current, this.strategy, options);
      if (plan.action === 'leave') return { object: current, deleted: false };
      if (options.dryRun) return plan.action === 'remove' ? { object: current, deleted: true } : { object: plan.object, deleted: false };
      try {
        if (plan.action === 'remove') return { object: await this.removeNow(namespace, name, current), deleted: true };
        const marked = plan.object;
        const stored = await this.deps.store.update(this.key(namespace, name), encodeForStorage(marked), Number(current.metadata.resourceVersion));
        marked.metadata.resourceVersion = String(stored.modRevision);
        return { object: marked, deleted: false };
      } catch (error) {
        if (error instanceof APIConflictRetry) continue;
        if (error instanceof ConflictError) {
          await this.deps.hub.waitFor(error.current.modRevision, 1000);
          continue;
        }
        if (error instanceof KeyNotFoundError) throw errors.notFound(this.qualifiedResource, name);
        throw storeErrorToAPIError(error, this);
      }
    }
    throw errors.conflict(this.qualifiedResource, name, 'too many concurrent updates; please try again');
  }

  /** Removes the object from the store if it is still at `current`'s revision. */
  private async removeNow(namespace: string, name: string, current: KubeObject): Promise<KubeObject> {
    try {
      const result = await this.deps.store.delete(this.key(namespace, name), Number(current.metadata.resourceVersion));
      const last = cloneObject(current);
      last.metadata.resourceVersion = String(result.revision);
      await this.hooks.afterDelete?.(last);
      return last;
    } catch (error) {
      if (error instanceof ConflictError) {
        await this.deps.hub.waitFor(error.current.modRevision, 1000);
        throw new APIConflictRetry();
      }
      if (error instanceof KeyNotFoundError) throw errors.notFound(this.qualifiedResource, name);
      throw storeErrorToAPIError(error, this);
    }
  }

  private checkPreconditions(current: KubeObject, options: DeleteOptions): void {
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      const message = `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`;
      throw errors.conflict(this.qualifiedResource, current.metadata.name ?? '', message);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      const message = `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`;
      throw errors.conflict(this.qualifiedResource, current.metadata.name ?? '', message);
    }
  }

  /** The namespace rules of a create: the object's namespace agrees with the URL and is usable. */
  private async admitNamespace(namespace: string, obj: KubeObject): Promise<void> {
    if (!this.identity.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace;
    const state = await this.deps.namespaceState(namespace);
    if (state === 'missing') throw errors.notFound({ group: '', resource: 'namespaces' }, namespace);
    if (state === 'terminating') {
      const message = `unable to create new content in namespace ${namespace} because it is being terminated`;
      throw errors.forbidden(this.qualifiedResource, obj.metadata.name ?? '', message);
    }
  }

  private fillCreateMetadata(obj: KubeObject): void {
    const meta = obj.metadata;
    meta.uid = randomUUID();
    meta.creationTimestamp = nowTimestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    if (this.strategy.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    if (!meta.name && !meta.generateName) {
      throw errors.invalid(this.qualifiedKind, '', [requiredName()]);
    }
  }

  /** Applies the update rules of the main resource or the status subresource. */
  private prepareUpdate(desired: KubeObject, current: KubeObject, subresource: string): KubeObject {
    const meta = desired.metadata;
    const old = current.metadata;
    // System fields are the server's, whatever the client sent.
    meta.name = old.name;
    if (this.identity.namespaced) meta.namespace = old.namespace;
    meta.uid = old.uid;
    meta.creationTimestamp = old.creationTimestamp;
    meta.deletionTimestamp = old.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
    meta.generation = old.generation;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    if (meta.generation === undefined) delete meta.generation;
    delete meta.selfLink;

    const partial = this.strategy.partialUpdates?.[subresource];
    if (subresource === 'status') {
      this.strategy.prepareForStatusUpdate(desired, current);
    } else if (subresource === 'finalize' && this.strategy.prepareForFinalizeUpdate) {
      this.strategy.prepareForFinalizeUpdate(desired, current);
    } else if (partial !== undefined) {
      // Defaults first (new ephemeral containers get theirs), then what may not change goes back.
      this.strategy.applyDefaults(desired);
      partial.prepareForUpdate(desired, current);
      if (this.strategy.tracksGeneration && specChanged(desired, current)) {
        meta.generation = (old.generation ?? 0) + 1;
      }
    } else {
      this.strategy.prepareForUpdate(desired, current);
      this.strategy.applyDefaults(desired);
      if (this.strategy.tracksGeneration && specChanged(desired, current)) {
        meta.generation = (old.generation ?? 0) + 1;
      }
    }
    return desired;
  }

  /** The kind's own rules for an update of the main resource or of a subresource. */
  private updateErrors(next: KubeObject, current: KubeObject, subresource: string): FieldError[] {
    if (subresource === 'status') return this.strategy.validateStatusUpdate(next, current);
    const partial = this.strategy.partialUpdates?.[subresource];
    return partial !== undefined ? partial.validateUpdate(next, current) : this.strategy.validateUpdate(next, current);
  }

  private validate(obj: KubeObject, strategyErrors: FieldError[]): void {
    const all = this.deps.kindValidation ? [...this.deps.validateSchema(obj), ...strategyErrors] : this.deps.validateSchema(obj);
    if (all.length > 0) throw errors.invalid(this.qualifiedKind, obj.metadata.name ?? '', all);
  }

  private dryRunResult(obj: KubeObject): KubeObject {
    // A dry run never reaches the store, so there is no revision to report.
    delete obj.metadata.resourceVersion;
    return obj;
  }
}

/** Internal signal: the object changed under a delete; read it again. */
class APIConflictRetry extends Error {}

function requiredName(): FieldError {
  return required(root('metadata', 'name'), 'name or generateName is required');
}

/** Whether anything outside metadata and status differs. */
function specChanged(a: KubeObject, b: KubeObject): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return true;
  }
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
