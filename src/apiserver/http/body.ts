// Reading and decoding request bodies, with upstream's size limit and error shapes.

import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { parse as parseYaml } from 'yaml';
import * as errors from '../../machinery/errors.js';
import { parseMediaTypes } from './negotiate.js';

/** kube-apiserver refuses request bodies over 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type IncomingRequest = IncomingMessage | Http2ServerRequest;

/** Reads the whole body; 413 past the limit (the rest of the body is drained, not kept). */
export async function readBody(req: IncomingRequest, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): errors.APIError {
  return errors.requestEntityTooLarge(`limit is ${limit}`);
}

/**
 * Decodes a JSON or YAML body (chosen by Content-Type; JSON when absent). Malformed
 * input is a 400 whose message says what is wrong.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  const [media] = parseMediaTypes(contentType);
  const type = media?.type ?? 'application/json';
  const text = body.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the body of the request was empty');
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml' || type === 'text/yaml') {
    try {
      return parseYaml(text, { uniqueKeys: false });
    } catch (error) {
      throw errors.badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}
