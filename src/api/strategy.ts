// A Strategy is everything that is special about one kind: what create and update reset,
// defaults, validation, field selectors, deletion behaviour. The API server's generic
// path (decode → admit → default → validate → store → encode) calls it and never names a
// kind itself. Per-kind strategies live in src/api/<group>/; kinds without one use the
// generic strategy built from the catalogue (strategies.ts).

import type { FieldError } from '../machinery/field-errors.js';

/** A JSON API object as strategies see it. */
export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    generation?: number;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Who asks for a write, as authentication found out (recorded by kinds that keep it: CSRs). */
export interface Requester {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** Reads one field for a field selector; undefined when the object has no such field. */
export type FieldGetter = (obj: ApiObject) => string | undefined;

/**
 * The rules of a subresource that updates part of an object through the generic update
 * path (pods/ephemeralcontainers, pods/resize, certificatesigningrequests/approval): GET
 * returns the whole object, PUT and PATCH write it, and these rules decide what sticks.
 */
export interface PartialUpdateRules {
  /** Makes `obj` keep from `old` everything the subresource may not change. */
  prepareForUpdate(obj: ApiObject, old: ApiObject): void;
  /** Validation of the update, with upstream's messages for what may not change. */
  validateUpdate(obj: ApiObject, old: ApiObject): FieldError[];
}

export interface Strategy {
  /** Whether objects of this kind carry `metadata.generation`, bumped on spec changes. */
  readonly tracksGeneration: boolean;
  /** Whether the main resource's create/update ignore `status` (there is a status subresource). */
  readonly hasStatusSubresource: boolean;
  /** Whether a PUT without resourceVersion overwrites (true for most kinds). */
  readonly allowUnconditionalUpdate: boolean;
  /** Whether a PUT of a missing object creates it. */
  readonly allowCreateOnUpdate: boolean;
  /** Whether DELETE answers with the deleted object (true) or a Status (false). */
  readonly returnDeletedObject: boolean;
  /** Field selectors beyond metadata.name and metadata.namespace. */
  readonly fieldSelectors: Readonly<Record<string, FieldGetter>>;

  /**
   * Clears what a create may not set (status, for kinds with a status subresource) and
   * records what only the server may fill (a CSR's requesting user, from `requester`).
   */
  prepareForCreate(obj: ApiObject, requester?: Requester): void;
  /** Makes a main-resource update keep what it may not change (status, from `old`). */
  prepareForUpdate(obj: ApiObject, old: ApiObject): void;
  /** Makes a status update keep everything but status (and metadata's mutable parts) from `old`. */
  prepareForStatusUpdate(obj: ApiObject, old: ApiObject): void;
  /** Fills defaults in place. */
  applyDefaults(obj: ApiObject): void;
  /** Validation of a new object. */
  validate(obj: ApiObject): FieldError[];
  /** Validation of an update (immutable fields and the rules of validate). */
  validateUpdate(obj: ApiObject, old: ApiObject): FieldError[];
  /** Validation of a status subresource write. */
  validateStatusUpdate(obj: ApiObject, old: ApiObject): FieldError[];

  /**
   * For kinds deleted gracefully (pods): how long the object stays, marked, before it
   * goes, given the grace period the request asked for (undefined: the kind's default).
   * 0 deletes at once. Kinds without graceful deletion leave this out.
   */
  gracePeriodSeconds?(obj: ApiObject, requested: number | undefined): number;
  /**
   * Whether something besides metadata.finalizers keeps an object being deleted (a
   * namespace's spec.finalizers). When it does, the object stays with deletionTimestamp.
   */
  retainedOnDelete?(obj: ApiObject): boolean;
  /** Shows in the object that it is being deleted (a namespace's phase Terminating). */
  markDeleting?(obj: ApiObject): void;
  /** For kinds with a `finalize` subresource (namespaces): keep all but what finalize may change. */
  prepareForFinalizeUpdate?(obj: ApiObject, old: ApiObject): void;
  /** Subresources (by name) that update part of the object; see PartialUpdateRules. */
  readonly partialUpdates?: Readonly<Record<string, PartialUpdateRules>>;
}
