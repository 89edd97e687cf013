// ConfigMap and Secret (upstream's ValidateConfigMap, ValidateSecret and their updates):
// keys usable as file names, at most 1 MiB of data, the keys each Secret type requires,
// and nothing changed once `immutable` is set.

import { forbidden, invalid, required, root, tooLong, type FieldErrorList } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { map, stringMap, str } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';

/** Upstream's MaxSecretSize, which limits ConfigMaps too: 1 MiB. */
export const MAX_DATA_SIZE = 1024 * 1024;

function decodedLength(value: unknown): number {
  return typeof value === 'string' ? Buffer.from(value, 'base64').length : 0;
}

/** A new ConfigMap. */
export function validateConfigMap(cm: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(cm, true, nameIsDNSSubdomain);
  const data = stringMap(cm, 'data');
  const binary = map(cm, 'binaryData');
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    const path = root('data').key(key);
    errs.push(...isConfigMapKey(key).map((m) => invalid(path, key, m)));
    if (Object.hasOwn(binary, key)) errs.push(invalid(path, key, 'duplicate of key present in binaryData'));
    total += goLen(value);
  }
  for (const [key, value] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(root('binaryData').key(key), key, m)));
    total += decodedLength(value);
  }
  // Upstream reports the size at an empty path: the whole object.
  if (total > MAX_DATA_SIZE) errs.push(tooLong(root(''), MAX_DATA_SIZE));
  return errs;
}

const IMMUTABLE_DETAIL = 'field is immutable when `immutable` is set';

/** When the old object was immutable: still immutable, and each of `changed` (field → whether it changed) reported. */
function immutableContent(obj: ApiObject, old: ApiObject, changed: ReadonlyArray<readonly [string, boolean]>): FieldErrorList {
  if (old.immutable !== true) return [];
  const errs: FieldErrorList = obj.immutable !== true ? [forbidden(root('immutable'), IMMUTABLE_DETAIL)] : [];
  for (const [field, differs] of changed) if (differs) errs.push(forbidden(root(field), IMMUTABLE_DETAIL));
  return errs;
}

/** A ConfigMap update: frozen content when the old one was immutable. */
export function validateConfigMapUpdate(cm: ApiObject, old: ApiObject): FieldErrorList {
  const changed = (f: string): readonly [string, boolean] => [f, !semanticDeepEqual(cm[f], old[f])];
  return [...validateObjectMetaUpdateOf(cm, old), ...immutableContent(cm, old, [changed('data'), changed('binaryData')]), ...validateConfigMap(cm)];
}

/**
 * The Secret's data as upstream sees it: `stringData` entries merged over `data` (the v1
 * conversion does that before validation), each value's length in bytes.
 */
function secretData(secret: ApiObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(map(secret, 'data'))) {
    out.set(key, typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0));
  }
  for (const [key, value] of Object.entries(stringMap(secret, 'stringData'))) out.set(key, Buffer.from(value, 'utf8'));
  return out;
}

function sameData(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k)?.equals(v) === true);
}

function wellFormedJSON(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return `json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed} into Go value of type map[string]interface {}`;
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function typeRequirements(secret: ApiObject, data: Map<string, Buffer>): FieldErrorList {
  const dataPath = root('data');
  const jsonKey = (key: string): FieldErrorList => {
    const entry = data.get(key);
    if (entry === undefined) return [required(dataPath.key(key))];
    const problem = wellFormedJSON(entry.toString('utf8'));
    return problem === undefined ? [] : [invalid(dataPath.key(key), '<secret contents redacted>', problem)];
  };
  switch (str(secret, 'type')) {
    case 'kubernetes.io/service-account-token': {
      const name = stringMap(secret.metadata, 'annotations')['kubernetes.io/service-account.name'] ?? '';
      return name === '' ? [required(root('metadata', 'annotations').key('kubernetes.io/service-account.name'))] : [];
    }
    case 'kubernetes.io/dockercfg':
      return jsonKey('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return jsonKey('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of the two keys must be there.
      return data.has('username') || data.has('password') ? [] : [required(dataPath.key('username')), required(dataPath.key('password'))];
    case 'kubernetes.io/ssh-auth':
      return (data.get('ssh-privatekey')?.length ?? 0) === 0 ? [required(dataPath.key('ssh-privatekey'))] : [];
    case 'kubernetes.io/tls':
      return ['tls.crt', 'tls.key'].flatMap((k) => (data.has(k) ? [] : [required(dataPath.key(k))]));
    default:
      return [];
  }
}

/** A new Secret. */
export function validateSecret(secret: ApiObject): FieldErrorList {
  const errs = validateObjectMetaOf(secret, true, nameIsDNSSubdomain);
  const data = secretData(secret);
  let total = 0;
  for (const [key, value] of data) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(root('data').key(key), key, m)));
    total += value.length;
  }
  if (total > MAX_DATA_SIZE) errs.push(tooLong(root('data'), MAX_DATA_SIZE));
  return [...errs, ...typeRequirements(secret, data)];
}

/** A Secret update: type fixed; frozen data when the old one was immutable. */
export function validateSecretUpdate(secret: ApiObject, old: ApiObject): FieldErrorList {
  return [
    ...validateObjectMetaUpdateOf(secret, old),
    ...validateImmutableField(str(secret, 'type'), str(old, 'type'), root('type')),
    ...immutableContent(secret, old, [['data', !sameData(secretData(secret), secretData(old))]]),
    ...validateSecret(secret),
  ];
}
