// Decoding request bodies of objects: JSON or YAML (by Content-Type), keeping what the
// strict decoders notice (duplicate keys, number literals) for fieldValidation.

import * as errors from '../../machinery/errors.js';
import { decodeJSONStrict, decodeYAMLStrict, JSONSyntaxError, YAMLSyntaxError, type BodyFindings } from '../../api/schema/index.js';
import { parseMediaTypes } from './negotiate.js';

export interface DecodedBody {
  readonly value: unknown;
  readonly findings: BodyFindings;
}

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'application/apply-patch+yaml']);

export function decodeWithDuplicates(body: Buffer, contentType: string | undefined): DecodedBody {
  const [media] = parseMediaTypes(contentType);
  const type = media?.type ?? 'application/json';
  if (type !== 'application/json' && !YAML_TYPES.has(type)) {
    throw errors.unsupportedMediaType(['application/json', 'application/yaml']);
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the body of the request was empty');
  try {
    if (YAML_TYPES.has(type)) {
      const { value, yamlDuplicates } = decodeYAMLStrict(text);
      return { value, findings: { yamlDuplicates } };
    }
    const { value, duplicates, literals } = decodeJSONStrict(text);
    return { value, findings: { duplicates, literals } };
  } catch (error) {
    if (error instanceof JSONSyntaxError) throw errors.badRequest(`couldn't get version/kind; json parse error: ${error.message}`);
    if (error instanceof YAMLSyntaxError) throw errors.badRequest(`error converting YAML to JSON: ${error.message}`);
    throw error;
  }
}
