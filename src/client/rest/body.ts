// Turning a Node stream's failures into the client's error types while it is read, so
// that every transport's body throws the same errors.

import { NetworkError, RequestAbortedError, networkErrorKind } from '../errors.js';

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return signal?.aborted === true || e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

/** Maps a transport error to NetworkError or RequestAbortedError. */
export function transportError(error: unknown, method: string, url: string, signal: AbortSignal | undefined): Error {
  if (error instanceof NetworkError || error instanceof RequestAbortedError) return error;
  if (isAbort(error, signal)) return new RequestAbortedError(method, url);
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(networkErrorKind(error), method, url, message, { cause: error });
}

/** Iterates `stream`, rethrowing its errors as the client's. */
export async function* mappedBody(
  stream: AsyncIterable<Uint8Array | string>,
  method: string,
  url: string,
  signal: AbortSignal | undefined,
): AsyncIterable<Uint8Array | string> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array | string;
  } catch (error) {
    throw transportError(error, method, url, signal);
  }
}

/** Lower-cased single-valued headers (joined with ', ' when repeated). */
export function flattenHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':')) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
  }
  return out;
}
