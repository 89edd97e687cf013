// API errors: what ends a request with a Kubernetes `Status` (upstream's
// k8s.io/apimachinery/pkg/api/errors). Each constructor gives the code, reason, details
// and message upstream gives for the same situation, so that clients (kubectl,
// client-go's IsNotFound/IsConflict, people reading messages) cannot tell the difference.

import { aggregateMessage, type FieldError } from './field-errors.js';
import { goQuote } from './go-format.js';
import { groupKindString, groupResourceString, type GroupKind, type GroupResource } from './schema.js';

/** Upstream's StatusReason values; '' is "unknown". */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

const KNOWN_REASONS: ReadonlySet<string> = new Set<StatusReason>([
  'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Invalid',
  'ServerTimeout', 'StoreReadError', 'Timeout', 'TooManyRequests', 'BadRequest',
  'MethodNotAllowed', 'NotAcceptable', 'RequestEntityTooLarge', 'UnsupportedMediaType',
  'InternalError', 'Expired', 'ServiceUnavailable',
]);

/** One cause of a failure; for 422 one per field error. JSON key of `reason` is `reason`. */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  /** For most errors the *resource* (`pods`); for 422 the kind (`Pod`), as upstream does. */
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** The `Status` object of a failed request, as it goes on the wire. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message?: string;
  readonly reason?: StatusReason;
  readonly details?: StatusDetails;
  readonly code?: number;
}

/**
 * Thrown when a request must end with a Kubernetes Status. Carries everything the Status
 * needs; `toStatus()` renders it. `details` undefined means the Status has no `details`
 * key at all; an empty object renders as `"details": {}` (upstream does both).
 */
export class APIError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'APIError';
  }

  /** The Status object, keys and omissions exactly as kube-apiserver encodes it. */
  toStatus(): Status {
    const status: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
    if (this.message !== '') status.message = this.message;
    if (this.reason !== '') status.reason = this.reason;
    if (this.details !== undefined) status.details = renderDetails(this.details);
    if (this.code !== 0) status.code = this.code;
    return status as unknown as Status;
  }

  /** The error a client reconstructs from a Status it received. */
  static fromStatus(status: Omit<Status, 'kind' | 'apiVersion' | 'metadata' | 'status'>): APIError {
    return new APIError(status.code ?? 0, status.reason ?? '', status.message ?? '', status.details);
  }
}

/** Upstream omits empty fields (omitempty) and orders keys as its struct declares them. */
function renderDetails(d: StatusDetails): StatusDetails {
  const out: { -readonly [K in keyof StatusDetails]: StatusDetails[K] } = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes !== undefined && d.causes.length > 0) out.causes = d.causes.map(renderCause);
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function renderCause(c: StatusCause): StatusCause {
  const out: { -readonly [K in keyof StatusCause]: StatusCause[K] } = {};
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  if (c.field) out.field = c.field;
  return out;
}

function resourceDetails(qr: GroupResource, name?: string): StatusDetails {
  return { name, group: qr.group, kind: qr.resource };
}

function errText(err: Error | string): string {
  return typeof err === 'string' ? err : err.message;
}

/** 404: `pods "x" not found`. */
export function notFound(qr: GroupResource, name: string): APIError {
  return new APIError(404, 'NotFound', `${groupResourceString(qr)} ${goQuote(name)} not found`, resourceDetails(qr, name));
}

/** 409: `pods "x" already exists`. */
export function alreadyExists(qr: GroupResource, name: string): APIError {
  return new APIError(409, 'AlreadyExists', `${groupResourceString(qr)} ${goQuote(name)} already exists`, resourceDetails(qr, name));
}

/** 409 AlreadyExists when every generated name collided; the client may retry later. */
export function generateNameConflict(qr: GroupResource, name: string, retryAfterSeconds: number): APIError {
  const message = `${groupResourceString(qr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`;
  return new APIError(409, 'AlreadyExists', message, { ...resourceDetails(qr, name), retryAfterSeconds });
}

/** 409 Conflict: `Operation cannot be fulfilled on pods "x": <err>`. */
export function conflict(qr: GroupResource, name: string, err: Error | string): APIError {
  const message = `Operation cannot be fulfilled on ${groupResourceString(qr)} ${goQuote(name)}: ${errText(err)}`;
  return new APIError(409, 'Conflict', message, resourceDetails(qr, name));
}

/** Upstream's text for a stale resourceVersion, the usual `err` of `conflict`. */
export const OBJECT_MODIFIED_ERROR = 'the object has been modified; please apply your changes to the latest version and try again';

/** 422: `Pod "x" is invalid: [a, b]`, one cause per field error. */
export function invalid(qk: GroupKind, name: string, errors: readonly FieldError[]): APIError {
  const causes = errors.map((e): StatusCause => ({ reason: e.type, message: e.body, field: e.field }));
  const aggregate = aggregateMessage(errors);
  const head = `${groupKindString(qk)} ${goQuote(name)} is invalid`;
  const message = aggregate === undefined ? head : `${head}: ${aggregate}`;
  return new APIError(422, 'Invalid', message, { name, group: qk.group, kind: qk.kind, causes });
}

/** 400 with the given message. */
export function badRequest(message: string): APIError {
  return new APIError(400, 'BadRequest', message);
}

/** 401; an empty reason reads `not authorized`. */
export function unauthorized(reason = ''): APIError {
  return new APIError(401, 'Unauthorized', reason === '' ? 'not authorized' : reason);
}

/** 403: `pods "x" is forbidden: <err>` (or without the name, or without the resource). */
export function forbidden(qr: GroupResource, name: string, err: Error | string): APIError {
  const text = errText(err);
  let message: string;
  if (qr.group === '' && qr.resource === '') message = `forbidden: ${text}`;
  else if (name === '') message = `${groupResourceString(qr)} is forbidden: ${text}`;
  else message = `${groupResourceString(qr)} ${goQuote(name)} is forbidden: ${text}`;
  return new APIError(403, 'Forbidden', message, resourceDetails(qr, name));
}

/** 405 for a verb a resource does not support: `watch is not supported on resources of kind "x"`. */
export function methodNotSupported(qr: GroupResource, action: string): APIError {
  const message = `${action} is not supported on resources of kind ${goQuote(groupResourceString(qr))}`;
  return new APIError(405, 'MethodNotAllowed', message, { group: qr.group, kind: qr.resource });
}

/** 410 Gone (deprecated upstream in favour of resourceExpired, still sent in places). */
export function gone(message: string): APIError {
  return new APIError(410, 'Gone', message);
}

/** 410 Expired: requested content (an old resourceVersion, a continue token) is gone. */
export function resourceExpired(message: string): APIError {
  return new APIError(410, 'Expired', message);
}

/**
 * 410 Expired as the watch cache words it: `too old resource version: 5 (17)`, where
 * the second number (when known) is the newest revision no longer served.
 */
export function tooOldResourceVersion(requested: number, lastUnavailable?: number): APIError {
  const suffix = lastUnavailable === undefined ? '' : ` (${lastUnavailable})`;
  return resourceExpired(`too old resource version: ${requested}${suffix}`);
}

/** 429 with a Retry-After hint. */
export function tooManyRequests(message: string, retryAfterSeconds: number): APIError {
  return new APIError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

/** 413: `Request entity too large: <message>`. */
export function requestEntityTooLarge(message: string): APIError {
  return new APIError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

/** 415 when the request body's Content-Type is not one the server decodes. */
export function unsupportedMediaType(accepted: readonly string[]): APIError {
  const message = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return new APIError(415, 'UnsupportedMediaType', message);
}

/** 406 when no media type in Accept can be produced. */
export function notAcceptable(accepted: readonly string[]): APIError {
  return new APIError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

/** 500: `Internal error occurred: <err>`. */
export function internalError(err: Error | string): APIError {
  const text = errText(err);
  return new APIError(500, 'InternalError', `Internal error occurred: ${text}`, { causes: [{ message: text }] });
}

/** 503 with the given message. */
export function serviceUnavailable(message: string): APIError {
  return new APIError(503, 'ServiceUnavailable', message);
}

/** 504: `Timeout: <message>`; the operation may still complete. */
export function timeout(message: string, retryAfterSeconds: number): APIError {
  return new APIError(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

/**
 * 504 for a read that asked for a resourceVersion newer than the server has yet; client-go
 * recognises it by the `ResourceVersionTooLarge` cause.
 */
export function tooLargeResourceVersion(minimum: number, current: number, retryAfterSeconds: number): APIError {
  const message = `Timeout: Too large resource version: ${minimum}, current: ${current}`;
  const causes = [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }];
  return new APIError(504, 'Timeout', message, { causes, retryAfterSeconds });
}

/** Options of genericServerResponse; all optional. */
export interface GenericResponseOptions {
  /** The HTTP method; a 409 on POST means AlreadyExists. */
  readonly verb?: string;
  readonly qualifiedResource?: GroupResource;
  readonly name?: string;
  /** Text the server sent, kept for 403, 406, 415 and 5xx. */
  readonly serverMessage?: string;
  readonly retryAfterSeconds?: number;
}

const GENERIC: Readonly<Record<number, readonly [StatusReason, string]>> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

function genericReasonAndMessage(code: number, verb: string, serverMessage: string): [StatusReason, string] {
  switch (code) {
    case 403:
      return ['Forbidden', serverMessage];
    case 406: {
      const useServer = serverMessage !== '' && serverMessage !== 'unknown';
      return ['NotAcceptable', useServer ? serverMessage : 'the server was unable to respond with a content type that the client supports'];
    }
    case 409:
      return [verb === 'POST' ? 'AlreadyExists' : 'Conflict', GENERIC[409]![1]];
    case 415:
      return ['UnsupportedMediaType', serverMessage];
  }
  const known = GENERIC[code];
  if (known !== undefined) return [known[0], known[1]];
  if (code >= 500) {
    return ['InternalError', `an error on the server (${goQuote(serverMessage)}) has prevented the request from succeeding`];
  }
  return ['', `the server responded with the status code ${code} but did not return more information`];
}

/**
 * The Status upstream makes for a response without one: kube-apiserver's own router
 * errors (404 for an unknown path, 405 for an unrouted method) and a client's reading
 * of a non-Status error response. Details are always present (`{}` when empty).
 */
export function genericServerResponse(code: number, options: GenericResponseOptions = {}): APIError {
  const qr = options.qualifiedResource ?? { group: '', resource: '' };
  const name = options.name ?? '';
  const [reason, baseMessage] = genericReasonAndMessage(code, (options.verb ?? '').toUpperCase(), options.serverMessage ?? '');
  let message = baseMessage;
  const verb = (options.verb ?? '').toLowerCase();
  if (qr.group !== '' || qr.resource !== '') {
    message += name === '' ? ` (${verb} ${groupResourceString(qr)})` : ` (${verb} ${groupResourceString(qr)} ${name})`;
  }
  const details: StatusDetails = { ...resourceDetails(qr, name), retryAfterSeconds: options.retryAfterSeconds };
  return new APIError(code, reason, message, details);
}

/** The APIError in `err` or in its chain of causes, as upstream's errors.As finds it. */
export function asAPIError(err: unknown): APIError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 32; e = e.cause, depth++) {
    if (e instanceof APIError) return e;
  }
  return undefined;
}

/** The reason of the APIError in `err`, or '' when there is none. */
export function reasonForError(err: unknown): StatusReason {
  return asAPIError(err)?.reason ?? '';
}

/** Upstream's rule: the reason decides; an unknown reason falls back to the HTTP code. */
function hasReasonOrCode(err: unknown, reason: StatusReason, code: number): boolean {
  const e = asAPIError(err);
  if (e === undefined) return false;
  return e.reason === reason || (!KNOWN_REASONS.has(e.reason) && e.code === code);
}

export const isNotFound = (err: unknown): boolean => hasReasonOrCode(err, 'NotFound', 404);
export const isAlreadyExists = (err: unknown): boolean => reasonForError(err) === 'AlreadyExists';
export const isConflict = (err: unknown): boolean => hasReasonOrCode(err, 'Conflict', 409);
export const isInvalid = (err: unknown): boolean => hasReasonOrCode(err, 'Invalid', 422);
export const isGone = (err: unknown): boolean => hasReasonOrCode(err, 'Gone', 410);
export const isResourceExpired = (err: unknown): boolean => reasonForError(err) === 'Expired';
export const isBadRequest = (err: unknown): boolean => hasReasonOrCode(err, 'BadRequest', 400);
export const isUnauthorized = (err: unknown): boolean => hasReasonOrCode(err, 'Unauthorized', 401);
export const isForbidden = (err: unknown): boolean => hasReasonOrCode(err, 'Forbidden', 403);
export const isMethodNotSupported = (err: unknown): boolean => hasReasonOrCode(err, 'MethodNotAllowed', 405);
export const isServiceUnavailable = (err: unknown): boolean => hasReasonOrCode(err, 'ServiceUnavailable', 503);
export const isTimeout = (err: unknown): boolean => hasReasonOrCode(err, 'Timeout', 504);
export const isInternalError = (err: unknown): boolean => hasReasonOrCode(err, 'InternalError', 500);
/** Unlike the others, upstream accepts code 429 whatever the reason. */
export const isTooManyRequests = (err: unknown): boolean =>
  reasonForError(err) === 'TooManyRequests' || asAPIError(err)?.code === 429;
