// Test helpers: objects as the API server hands them to validation (defaulted), and the
// messages of a list of field errors.

import assert from 'node:assert/strict';
import type { FieldError } from '../../../machinery/field-errors.js';
import { defaultsFor } from '../../defaults/index.js';
import type { ApiObject } from '../../strategy.js';

/** `obj` with the core resource's defaults applied, as validation sees it. */
export function defaulted(resource: string, obj: Record<string, unknown>): ApiObject {
  const copy = structuredClone(obj) as ApiObject;
  defaultsFor('', resource)?.(copy);
  return copy;
}

/** The full messages (`path: Reason: detail`). */
export function messages(errs: readonly FieldError[]): string[] {
  return errs.map((e) => e.message);
}

/** Asserts that no error was found, showing them if there were. */
export function assertValid(errs: readonly FieldError[]): void {
  assert.deepEqual(messages(errs), []);
}

/** Asserts that `message` is among the errors. */
export function assertHas(errs: readonly FieldError[], message: string): void {
  const all = messages(errs);
  assert.ok(all.includes(message), `expected\n  ${message}\namong\n  ${all.join('\n  ')}`);
}

/** Asserts that the errors are exactly `expected`, in order. */
export function assertExactly(errs: readonly FieldError[], expected: readonly string[]): void {
  assert.deepEqual(messages(errs), expected);
}

/** A minimal valid pod. */
export function pod(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): ApiObject {
  return defaulted('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });
}
