// How kube-apiserver words a body it cannot decode, on create and update: a 400 whose
// message names the kind and version the body claimed and the kind the endpoint takes
// (`Pod in version "v1" cannot be handled as a Pod: <cause>`), and, for fieldValidation,
// the strict-decoding errors as one message (Strict) or as one warning each (Warn).

import * as errors from '../../machinery/errors.js';
import { goQuote } from '../../machinery/go-format.js';
import { schema } from '../catalogue.js';

/**
 * The 400 for a body of `typeName` that fails to decode with `cause` (Go's error text).
 * The kind and version come from the body's own `kind` and `apiVersion`, as upstream
 * takes them from the decoded type metadata.
 */
export function cannotBeHandled(obj: Record<string, unknown>, typeName: string, cause: string): errors.APIError {
  const target = schema(typeName)?.gvk?.[0]?.kind ?? typeName;
  const kind = typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : target;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return errors.badRequest(`${kind} in version ${goQuote(version)} cannot be handled as a ${target}: ${cause}`);
}

/** Upstream's runtime.strictDecodingError text for a list of strict errors. */
export function strictDecodingMessage(strictErrors: readonly string[]): string {
  return `strict decoding error: ${strictErrors.join(', ')}`;
}

/** go-yaml's error for duplicate keys, as one error (its lines under one heading). */
export function yamlDuplicatesError(lines: readonly string[]): string | undefined {
  return lines.length === 0 ? undefined : `yaml: unmarshal errors:\n  ${lines.join('\n  ')}`;
}

const YAML_PREFIXES = ['yaml: unmarshal errors:\n', 'error converting YAML to JSON: yaml: unmarshal errors:\n'];

/**
 * The Warning texts for strict errors (fieldValidation=Warn): one per error, except that
 * a go-yaml error gives one warning per line, as upstream's parseYAMLWarnings splits it.
 */
export function strictWarnings(strictErrors: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const text of strictErrors) {
    const prefix = YAML_PREFIXES.find((p) => text.startsWith(p));
    if (prefix === undefined) warnings.push(text);
    else warnings.push(...text.slice(prefix.length).split('\n').map((line) => line.trim()));
  }
  return warnings;
}
