// JSON patch (RFC 6902, application/json-patch+json) as upstream's API server applies it
// through gopkg.in/evanphx/json-patch.v4: operations run in order on a copy of the
// document, and the first that fails ends the patch with that library's message.
// Departures from the RFC that upstream has and kubets keeps: `replace` of a missing
// object key adds it; `copy` from a missing key copies null; a missing `value` is null;
// a `test` for null passes on a missing key; negative array indices count from the end.
// One difference remains: `test` compares parsed values, so 1 and 1.0 are equal here
// where upstream compares their text.

import { goJSON } from '../go-format.js';
import { PatchError } from './errors.js';
import {
  addChild,
  getChild,
  removeChild,
  resolveParent,
  setChild,
  type PointerTarget,
} from './json-pointer.js';
import { cloneJson, getOwn, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json-value.js';

/** Upstream refuses JSON patches with more operations than this (413). */
export const maxJsonPatchOperations = 10000;

/** Upstream's default --json-patch-max-copy-bytes: what `copy` operations may add in total. */
export const defaultMaxCopyBytes = 3 * 1024 * 1024;

export interface JsonPatchOptions {
  /** Most bytes all `copy` operations of one patch may add; 0 means no limit. */
  readonly maxCopyBytes?: number;
}

type Document = JsonObject | JsonValue[];

/** One operation as sent: an object (kept as is until it runs) or null. */
type Operation = JsonObject | null;

interface PatchState {
  root: Document;
  copiedBytes: number;
  readonly maxCopyBytes: number;
}

/**
 * Applies `patch` (the parsed request body) to `document` (a parsed JSON object or
 * array) and returns the result.
 * Never modifies either argument; the result shares nothing with them.
 * Throws PatchError: BadRequest when the body is not a list of operation objects,
 * RequestEntityTooLarge above 10,000 operations, Invalid when an operation fails.
 */
export function applyJsonPatch(document: object, patch: unknown, options: JsonPatchOptions = {}): JsonObject | JsonValue[] {
  const operations = decodeJsonPatch(patch);
  const state: PatchState = {
    root: cloneJson(document as Document),
    copiedBytes: 0,
    maxCopyBytes: options.maxCopyBytes ?? defaultMaxCopyBytes,
  };
  for (const operation of operations) {
    const failure = applyOperation(state, operation);
    if (failure !== undefined) throw new PatchError('Invalid', failure);
  }
  return state.root;
}

/** Checks the shape upstream's decoder checks: null (no operations) or a list of objects or nulls. */
function decodeJsonPatch(patch: unknown): Operation[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) throw new PatchError('BadRequest', cannotUnmarshal(patch, 'jsonpatch.Patch'));
  for (const operation of patch) {
    if (operation !== null && !isJsonObject(operation)) {
      throw new PatchError('BadRequest', cannotUnmarshal(operation, 'jsonpatch.Operation'));
    }
  }
  if (patch.length > maxJsonPatchOperations) {
    throw new PatchError(
      'RequestEntityTooLarge',
      `The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${patch.length}`,
    );
  }
  return patch as Operation[];
}

function cannotUnmarshal(value: unknown, goType: string): string {
  const kind = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  return `json: cannot unmarshal ${kind} into Go value of type ${goType}`;
}

/** Runs one operation on state.root; returns the failure message, if any. */
function applyOperation(state: PatchState, operation: Operation): string | undefined {
  const kind = operation === null ? undefined : getOwn(operation, 'op');
  const op = operation ?? {};
  switch (kind) {
    case 'add':
      return add(state, op);
    case 'remove':
      return remove(state, op);
    case 'replace':
      return replace(state, op);
    case 'move':
      return move(state, op);
    case 'copy':
      return copy(state, op);
    case 'test':
      return test(state, op);
    default:
      return `Unexpected kind: ${typeof kind === 'string' ? kind : 'unknown'}`;
  }
}

/** The `path` or `from` member: the string, or the reason it cannot be read. */
function member(op: JsonObject, name: 'path' | 'from'): { value: string } | { error: string } {
  const value = getOwn(op, name);
  if (value === undefined || value === null) {
    return { error: name === 'path' ? 'operation missing path field: missing value' : 'operation, missing from field: missing value' };
  }
  if (typeof value !== 'string') return { error: cannotUnmarshal(value, 'string') };
  return { value };
}

/** The `value` member, copied; absent reads as null. */
function valueOf(op: JsonObject): JsonValue {
  return cloneJson(getOwn(op, 'value') ?? null);
}

/** Runs `action`, turning a thrown error into `prefix` + its message. */
function attempt(prefix: string, action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return prefix + (error as Error).message;
  }
}

function add(state: PatchState, op: JsonObject): string | undefined {
  const path = member(op, 'path');
  if ('error' in path) return 'add operation failed to decode path: missing value';
  const target = resolveParent(state.root, path.value);
  if (target === undefined) return `add operation does not apply: doc is missing path: "${path.value}": missing value`;
  return attempt(`error in add for path: '${path.value}': `, () => addChild(target, valueOf(op)));
}

function remove(state: PatchState, op: JsonObject): string | undefined {
  const path = member(op, 'path');
  if ('error' in path) return 'remove operation failed to decode path: missing value';
  const target = resolveParent(state.root, path.value);
  if (target === undefined) return `remove operation does not apply: doc is missing path: "${path.value}": missing value`;
  return attempt(`error in remove for path: '${path.value}': `, () => removeChild(target));
}

function replace(state: PatchState, op: JsonObject): string | undefined {
  const path = member(op, 'path');
  if ('error' in path) return `replace operation failed to decode path: ${path.error}`;
  if (path.value === '') {
    const value = valueOf(op);
    // Upstream formats a nil error into this message, hence the %!w.
    if (!Array.isArray(value) && !isJsonObject(value)) return 'replace operation value must be object or array: %!w(<nil>)';
    state.root = value;
    return undefined;
  }
  const target = resolveParent(state.root, path.value);
  if (target === undefined) return `replace operation does not apply: doc is missing path: ${path.value}: missing value`;
  const missing = attempt('', () => getChild(target.container, target.key));
  if (missing !== undefined) return `replace operation does not apply: doc is missing key: ${path.value}: missing value`;
  // Upstream's message says "remove" here.
  return attempt(`error in remove for path: '${path.value}': `, () => setChild(target, valueOf(op)));
}

function move(state: PatchState, op: JsonObject): string | undefined {
  const from = member(op, 'from');
  if ('error' in from) return `move operation failed to decode from: ${from.error}`;
  const source = resolveParent(state.root, from.value);
  if (source === undefined) return `move operation does not apply: doc is missing from path: ${from.value}: missing value`;
  let value: JsonValue | undefined;
  const failure = attempt(`error in move for path: '${source.key}': `, () => {
    value = getChild(source.container, source.key);
    removeChild(source);
  });
  if (failure !== undefined) return failure;
  const path = member(op, 'path');
  if ('error' in path) return `move operation failed to decode path: ${path.error}`;
  const target = resolveParent(state.root, path.value);
  if (target === undefined) return `move operation does not apply: doc is missing destination path: ${path.value}: missing value`;
  return attempt(`error in move for path: '${path.value}': `, () => addChild(target, value ?? null));
}

function copy(state: PatchState, op: JsonObject): string | undefined {
  const from = member(op, 'from');
  if ('error' in from) return `copy operation failed to decode from: ${from.error}`;
  const source = resolveParent(state.root, from.value);
  if (source === undefined) return `copy operation does not apply: doc is missing from path: ${from.value}: missing value`;
  let value: JsonValue | undefined;
  const failure = attempt(`error in copy for from: '${from.value}': `, () => {
    value = getChild(source.container, source.key);
  });
  if (failure !== undefined) return failure;
  const path = member(op, 'path');
  if ('error' in path) return 'copy operation failed to decode path: missing value';
  const target = resolveParent(state.root, path.value);
  if (target === undefined) return `copy operation does not apply: doc is missing destination path: ${path.value}: missing value`;
  const duplicate = value === undefined || value === null ? null : cloneJson(value);
  const overLimit = chargeCopy(state, duplicate);
  if (overLimit !== undefined) return overLimit;
  return attempt('error while adding value during copy: ', () => addChild(target, duplicate));
}

/** Counts a copy against the limit; returns the failure message when it is exceeded. */
function chargeCopy(state: PatchState, value: JsonValue): string | undefined {
  if (value === null) return undefined;
  // Sized as Go encodes it (with <, > and & escaped), as upstream counts.
  state.copiedBytes += Buffer.byteLength(goJSON(value));
  if (state.maxCopyBytes > 0 && state.copiedBytes > state.maxCopyBytes) {
    return `Unable to complete the copy, the accumulated size increase of copy is ${state.copiedBytes}, exceeding the limit ${state.maxCopyBytes}`;
  }
  return undefined;
}

function test(state: PatchState, op: JsonObject): string | undefined {
  const path = member(op, 'path');
  if ('error' in path) return `test operation failed to decode path: ${path.error}`;
  const expected = getOwn(op, 'value');
  const failed = `testing value ${path.value} failed: test failed`;
  if (path.value === '') return expected !== undefined && jsonEqual(state.root, expected) ? undefined : failed;
  const target: PointerTarget | undefined = resolveParent(state.root, path.value);
  if (target === undefined) return `test operation does not apply: is missing path: ${path.value}: missing value`;
  let actual: JsonValue | undefined;
  const failure = attempt(`error in test for path: '${path.value}': `, () => {
    actual = getChild(target.container, target.key);
  });
  if (failure !== undefined) return failure;
  // A missing key and null are the same thing to upstream, in the document and the operation.
  if (actual === undefined || actual === null) return expected === undefined || expected === null ? undefined : failed;
  return expected !== undefined && jsonEqual(actual, expected) ? undefined : failed;
}
