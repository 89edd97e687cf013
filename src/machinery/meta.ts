// The shapes of object metadata every kind shares (upstream's metav1 TypeMeta, ObjectMeta,
// OwnerReference, ListMeta), as the machinery reads them, and the `namespace/name` keys
// caches and work queues use. Minimal on purpose: the full, generated types of each kind
// live in src/api; these interfaces describe only what generic code touches.

/** `apiVersion` and `kind`, present on every serialized object. */
export interface TypeMeta {
  apiVersion?: string;
  kind?: string;
}

/** A reference from a dependent to its owner (garbage collection, controllers). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** At most one owner reference of an object is the managing controller. */
  controller?: boolean;
  /** Foreground deletion of the owner waits for this dependent. */
  blockOwnerDeletion?: boolean;
}

/** Metadata of every persisted object. Timestamps are RFC 3339 strings (time.ts). */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  /** The store revision of the last write, as a decimal string; opaque to clients. */
  resourceVersion?: string;
  /** Incremented by the server on every change of the desired state (spec). */
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Metadata of a list response. */
export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Any API object: type information and metadata, the rest unknown to generic code. */
export interface KubeObject extends TypeMeta {
  metadata?: ObjectMeta;
}

/** The cache/work-queue key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function namespacedKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The key of an object from its metadata (`namespacedKey` of its namespace and name). */
export function objectKey(obj: KubeObject): string {
  return namespacedKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

/** Thrown when a key has more than one '/'. */
export class KeyFormatError extends Error {
  constructor(readonly key: string) {
    super(`unexpected key format: ${JSON.stringify(key)}`);
    this.name = 'KeyFormatError';
  }
}

/** Splits a `namespacedKey` back; a key without '/' has namespace ''. */
export function splitNamespacedKey(key: string): { namespace: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { namespace: '', name: parts[0]! };
  if (parts.length === 2) return { namespace: parts[0]!, name: parts[1]! };
  throw new KeyFormatError(key);
}
