// Test helpers of the group validators: objects as the API server hands them to
// validation (decoded, then defaulted with upstream's defaults), and the messages of a
// validation's errors.

import type { FieldError } from '../../machinery/field-errors.js';
import { applyMergePatch } from '../../machinery/patch/merge-patch.js';
import { defaultsFor } from '../defaults/index.js';
import type { ApiObject } from '../strategy.js';
import type { ResourceValidator } from './validator.js';

/** A deep copy of `obj` with the resource's defaults applied, as validation receives it. */
export function defaulted(group: string, resource: string, obj: ApiObject): ApiObject {
  const copy = structuredClone(obj);
  defaultsFor(group, resource)?.(copy);
  return copy;
}

/** The full messages of the errors (`spec.replicas: Invalid value: -1: …`). */
export function messages(errors: readonly FieldError[]): string[] {
  return errors.map((e) => e.message);
}

/** Messages of validating `obj` as new. */
export function createMessages(validator: ResourceValidator, obj: ApiObject): string[] {
  return messages(validator.validate(obj));
}

/** Messages of validating `obj` as an update of `old`. */
export function updateMessages(validator: ResourceValidator, obj: ApiObject, old: ApiObject): string[] {
  return messages(validator.validateUpdate(obj, old));
}

/** A stored copy of `obj`: what an update is compared against (with a resourceVersion, as stored objects have). */
export function stored(obj: ApiObject): ApiObject {
  const copy = structuredClone(obj);
  copy.metadata.resourceVersion = '1';
  copy.metadata.uid ??= '7b0e9f1c-0000-4000-8000-000000000001';
  copy.metadata.creationTimestamp ??= '2026-01-01T00:00:00Z';
  return copy;
}

/** `obj` with a JSON merge patch applied (null removes a field): an edited copy. */
export function patched(obj: ApiObject, patch: Record<string, unknown>): ApiObject {
  return applyMergePatch(structuredClone(obj), patch) as ApiObject;
}

/** A pod template with one container and the given labels (before defaulting). */
export function podTemplate(labels: Record<string, string>, restartPolicy?: string): Record<string, unknown> {
  const spec: Record<string, unknown> = { containers: [{ name: 'app', image: 'nginx:1.27' }] };
  if (restartPolicy !== undefined) spec.restartPolicy = restartPolicy;
  return { metadata: { labels }, spec };
}
