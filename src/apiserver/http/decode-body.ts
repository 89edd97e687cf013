// Decoding request bodies of objects: JSON, YAML or Kubernetes protobuf (by Content-Type),
// keeping what the strict decoders notice (duplicate keys, number literals) for
// fieldValidation. A protobuf body becomes the JSON object a JSON client would have sent.

import * as errors from '../../machinery/errors.js';
import { decodeJSONStrict, decodeYAMLStrict, JSONSyntaxError, YAMLSyntaxError, type BodyFindings } from '../../api/schema/index.js';
import { decodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError, UnregisteredKindError } from '../../api/protobuf/index.js';
import { parseMediaTypes } from './negotiate.js';

export interface DecodedBody {
  readonly value: unknown;
  readonly findings: BodyFindings;
}

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'application/apply-patch+yaml']);

export function decodeWithDuplicates(body: Buffer, contentType: string | undefined): DecodedBody {
  const [media] = parseMediaTypes(contentType);
  const type = media?.type ?? 'application/json';
  if (type === PROTOBUF_MEDIA_TYPE) return decodeProtobuf(body);
  if (type !== 'application/json' && !YAML_TYPES.has(type)) {
    throw errors.unsupportedMediaType(['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE]);
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

/** A protobuf body: what the strict text decoders notice cannot occur in it. */
function decodeProtobuf(body: Buffer): DecodedBody {
  try {
    return { value: decodeKubernetesProtobuf(body).object, findings: {} };
  } catch (error) {
    if (error instanceof ProtobufDecodeError || error instanceof UnregisteredKindError) throw errors.badRequest(error.message);
    throw error;
  }
}
