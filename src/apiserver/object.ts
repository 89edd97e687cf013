// The loose shape of an API object as the generic machinery sees it: JSON with a
// metadata block. Per-kind fields stay opaque here; strategies in src/api know them.

import type { ObjectMeta as MetaBase } from '../machinery/meta.js';

/** Object metadata as the server handles it: upstream's ObjectMeta, plus what old clients may send. */
export interface ObjectMeta extends Omit<MetaBase, 'creationTimestamp'> {
  /** Clients send `null` for an object that was never stored. */
  creationTimestamp?: string | null;
  selfLink?: string;
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A value that is a JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of a JSON value; objects from caches are shared and never mutated in place. */
export function cloneObject<T>(value: T): T {
  return structuredClone(value);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The bytes an object is stored as: JSON without resourceVersion, which the store
 * derives from the revision of each write.
 */
export function encodeForStorage(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

/** Decodes stored bytes, setting resourceVersion from the revision that wrote them. */
export function decodeFromStorage(bytes: Uint8Array, modRevision: number): KubeObject {
  const obj = JSON.parse(decoder.decode(bytes)) as KubeObject;
  obj.metadata.resourceVersion = String(modRevision);
  return obj;
}
