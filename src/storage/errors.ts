// Errors of the Store contract. Each is a distinct class so that the API server can map
// it to the matching Kubernetes Status (409 AlreadyExists, 409 Conflict, 404 NotFound,
// 410 Expired, 503, …) without parsing messages.

/** Base class: every error a Store throws on purpose. */
export abstract class StoreError extends Error {
  abstract readonly code: string;
  /** Whether the same call may succeed if retried later (backend unreachable, …). */
  readonly retriable: boolean = false;
}

/** Thrown when create finds the key already present. */
export class KeyExistsError extends StoreError {
  readonly code = 'KeyExists';
  constructor(readonly key: string) {
    super(`key ${key} already exists`);
  }
}

/** Thrown when update or delete finds no such key. */
export class KeyNotFoundError extends StoreError {
  readonly code = 'KeyNotFound';
  constructor(readonly key: string) {
    super(`key ${key} not found`);
  }
}

/** Thrown when update or delete expected another modRevision; carries the current value. */
export class ConflictError extends StoreError {
  readonly code = 'Conflict';
  constructor(
    readonly key: string,
    readonly expectedRevision: number,
    readonly current: { readonly value: Uint8Array; readonly createRevision: number; readonly modRevision: number },
  ) {
    super(`key ${key} is at revision ${current.modRevision}, not ${expectedRevision}`);
  }
}

/** Thrown when a read or watch asks for a revision that compaction has removed. */
export class CompactedError extends StoreError {
  readonly code = 'Compacted';
  constructor(
    readonly requestedRevision: number,
    readonly compactedRevision: number,
  ) {
    super(`revision ${requestedRevision} has been compacted (compacted up to ${compactedRevision})`);
  }
}

/** Thrown when a read asks for a revision newer than the store has. */
export class FutureRevisionError extends StoreError {
  readonly code = 'FutureRevision';
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`revision ${requestedRevision} is newer than the current revision ${currentRevision}`);
  }
}

/** Thrown when a list is given a continue token it did not issue. */
export class InvalidContinueError extends StoreError {
  readonly code = 'InvalidContinue';
  constructor(readonly token: string) {
    super('continue token is not valid');
  }
}

/** Thrown (from watch iteration) when a consumer fell too far behind. */
export class WatchOverflowError extends StoreError {
  readonly code = 'WatchOverflow';
  constructor(readonly resumeRevision: number) {
    super(`watcher fell behind; watch again from revision ${resumeRevision}`);
  }
}

/** Thrown when a value is larger than the store accepts. */
export class ValueTooLargeError extends StoreError {
  readonly code = 'ValueTooLarge';
  constructor(
    readonly key: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`value for ${key} is ${size} bytes, over the limit of ${limit} bytes`);
  }
}

/** Thrown when the backend cannot be reached or has gone away; the call may be retried. */
export class StoreUnavailableError extends StoreError {
  readonly code = 'Unavailable';
  override readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Thrown when a store cannot be opened: a corrupt, locked or unwritable database file,
 * or an etcd cluster that never answered. The message names the file or endpoints and
 * the cause, for a person to read.
 */
export class StoreOpenError extends StoreError {
  readonly code = 'OpenFailed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Thrown when a Store is used after close(). */
export class StoreClosedError extends StoreError {
  readonly code = 'Closed';
  constructor() {
    super('store is closed');
  }
}
