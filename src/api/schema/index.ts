// What kube-apiserver does with the body of a create or update of a built-in kind before
// the kind's strategy sees it, which upstream gets from decoding the body into the Go type:
//
//   decodeJSONStrict / decodeYAMLStrict   text → value, duplicate keys, number literals
//   prepareBody                           value → the object the strategy gets:
//     1. prune        unknown fields removed; unknown and duplicate fields noted
//     2. decode       Go's type checks (a mismatch is a 400 that outranks everything),
//                     nulls dropped, quantities/timestamps/base64 in stored form
//     3. fieldValidation   Ignore: nothing; Warn: one warning each; Strict: 400
//   validateStructure                     required members and enums → 422 field errors
//
// Schemas are compiled once per type (schema-node.ts); nothing here round-trips JSON.

import type { NumberLiterals } from './decode-strict.js';
import { fieldValidationOutcome, pruneUnknownFields, type FieldValidation } from './prune.js';
import { checkDecodable } from './validate.js';

export { decodeJSONStrict, JSONSyntaxError, type NumberLiterals, type StrictJSON } from './decode-strict.js';
export { decodeYAMLStrict, YAMLSyntaxError, type StrictYAML } from './decode-strict-yaml.js';
export { checkFieldValidation, pruneUnknownFields, type FieldValidation } from './prune.js';
export { compileSchema, schemaNode, UnknownTypeError, type SchemaNode, type SchemaRef } from './schema-node.js';
export { checkDecodable, decodeError, validateStructure } from './validate.js';

/** How the body was written, as the strict decoders report it; all optional. */
export interface BodyFindings {
  /** JSON paths of duplicated keys (decodeJSONStrict). */
  readonly duplicates?: readonly string[];
  /** go-yaml's duplicate-key lines (decodeYAMLStrict). */
  readonly yamlDuplicates?: readonly string[];
  /** Number literals (decodeJSONStrict), so that `1.0` is refused where Go wants an integer. */
  readonly literals?: NumberLiterals;
}

export interface PrepareOptions extends BodyFindings {
  /** The request's `fieldValidation`; upstream's default is Warn. */
  readonly fieldValidation: FieldValidation;
}

/** The object to hand on, and the Warning texts the response must carry. */
export interface PreparedBody {
  readonly object: Record<string, unknown>;
  readonly warnings: string[];
}

/**
 * Prepares a decoded body of type `typeName` (a catalogue type name such as
 * `io.k8s.api.core.v1.Pod`) as upstream's typed decoding would, in place. Throws
 * upstream's 400 APIError when the body cannot be decoded, or, with fieldValidation=Strict,
 * when it has unknown or duplicate fields. `obj.kind` and `obj.apiVersion` are expected set
 * (they name the kind and version in those messages).
 */
export function prepareBody(obj: Record<string, unknown>, typeName: string, options: PrepareOptions): PreparedBody {
  const mode = options.fieldValidation;
  const strictErrors = pruneUnknownFields(obj, typeName, options.duplicates, mode !== 'Ignore');
  checkDecodable(obj, typeName, options.literals);
  const { warnings } = fieldValidationOutcome(obj, typeName, mode, strictErrors, options.yamlDuplicates ?? []);
  return { object: obj, warnings };
}
