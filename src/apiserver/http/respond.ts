// Writing responses: objects in JSON or YAML, Status errors, and the headers clients
// look for.

import { stringify as toYaml } from 'yaml';
import { APIError, internalError } from '../../machinery/errors.js';
import { contentTypeOf, type OutputChoice } from './negotiate.js';

/** The parts of http.ServerResponse and http2.Http2ServerResponse the server uses. */
export interface Response {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableLength: number;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  getHeader(name: string): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  on(event: 'close' | 'drain', listener: () => void): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
}

const JSON_CHOICE: OutputChoice = { format: 'json', shape: 'object', metaVersion: 'v1' };

/** Serializes a value in the chosen format. */
export function encode(value: unknown, choice: OutputChoice): string {
  return choice.format === 'yaml' ? toYaml(value, { lineWidth: 0 }) : JSON.stringify(value);
}

export function writeObject(res: Response, code: number, value: unknown, choice: OutputChoice = JSON_CHOICE): void {
  const body = encode(value, choice);
  res.statusCode = code;
  res.setHeader('Content-Type', contentTypeOf(choice));
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Writes an error as a Status; anything that is not an APIError becomes a 500. */
export function writeError(res: Response, error: unknown, choice: OutputChoice = JSON_CHOICE): void {
  const apiError = error instanceof APIError ? error : internalError(error instanceof Error ? error : String(error));
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = apiError.details?.retryAfterSeconds;
  if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
  writeObject(res, apiError.code || 500, apiError.toStatus(), { ...choice, shape: 'object' });
}

export function writeText(res: Response, code: number, text: string): void {
  res.statusCode = code;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
