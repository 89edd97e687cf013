// A document ready to send, and the hash clients cache it by. Upstream's OpenAPI handlers
// hash the JSON form with SHA-512 and write it in upper-case hex: as the ETag (quoted)
// and, for v3, as the `hash` query parameter of each document's URL.

import { createHash } from 'node:crypto';

export interface SerializedDocument {
  readonly body: Buffer;
  /** Upper-case hex SHA-512 of the JSON form. */
  readonly hash: string;
  /** `"<hash>"`, for the ETag header. */
  readonly etag: string;
}

/** The JSON form of a document and its hash. */
export function serializeJson(value: unknown): SerializedDocument {
  const body = Buffer.from(JSON.stringify(value));
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: `"${hash}"` };
}

/** A value built on first use and kept: the documents are large and never change. */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** The Kubernetes release whose API the documents describe, for their `info.version`. */
export const API_VERSION_INFO = 'v1.36.0';
