// Downward API references (fieldRef, resourceFieldRef) shared by environment variables
// and downwardAPI volume files, as upstream's validateObjectFieldSelector and
// validateContainerResourceFieldSelector check them.

import { invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { str, type Json } from '../common/json.js';
import { validateQualifiedName } from '../common/names.js';
import { quantityOf } from '../common/quantity.js';

/** Fields an environment variable may read. */
export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();

/** Fields a downwardAPI volume file may hold. */
export const VOLUME_FIELD_PATHS: readonly string[] = [
  'metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid',
].sort();

const CONTAINER_RESOURCE_FIELDS: readonly string[] = [
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
].sort();
const HUGE_PAGES_FIELD_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

/** Labels the pod field converter accepts for apiVersion v1 (`spec.host` is the old name of spec.nodeName). */
const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);

/** `metadata.labels['key']` → ['metadata.labels', 'key']; undefined when not subscripted. */
export function splitSubscriptedPath(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** upstream's ConvertDownwardAPIFieldLabel: the internal field path, or the conversion error. */
function convertFieldLabel(apiVersion: string, label: string): { path: string } | { error: string } {
  if (apiVersion !== 'v1') return { error: `unsupported pod version: ${apiVersion}` };
  const split = splitSubscriptedPath(label);
  if (split !== undefined) {
    if (split[0] === 'metadata.annotations' || split[0] === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE_FIELD_LABELS.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** A fieldRef: apiVersion and fieldPath set, the field one of `expressions` or a label/annotation subscript. */
export function validateObjectFieldSelector(fs: Json, expressions: readonly string[], path: FieldPath): FieldErrorList {
  const apiVersion = str(fs, 'apiVersion');
  const fieldPath = str(fs, 'fieldPath');
  if (apiVersion === '') return [required(path.child('apiVersion'))];
  if (fieldPath === '') return [required(path.child('fieldPath'))];
  const converted = convertFieldLabel(apiVersion, fieldPath);
  if ('error' in converted) return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${converted.error}`)];
  const split = splitSubscriptedPath(converted.path);
  if (split !== undefined) {
    const [field, subscript] = split;
    if (field === 'metadata.annotations') return validateQualifiedName(subscript.toLowerCase(), path);
    if (field === 'metadata.labels') return validateQualifiedName(subscript, path);
    return [invalid(path, field, 'does not support subscript')];
  }
  return expressions.includes(converted.path) ? [] : [notSupported(path.child('fieldPath'), converted.path, expressions)];
}

const MEMORY_LIKE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const MEMORY_LIKE_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

function validateDivisor(resource: string, divisorValue: unknown, path: FieldPath): FieldErrorList {
  const divisor = quantityOf(divisorValue);
  if (divisor === undefined || divisor.isZero()) return [];
  const text = divisor.toString();
  const bad = (what: string): FieldErrorList => [invalid(path.child('divisor'), resource, what)];
  const errs: FieldErrorList = [];
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (text !== '1m' && text !== '1') errs.push(...bad("only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!MEMORY_LIKE_DIVISORS.has(text)) errs.push(...bad(`only divisor's values ${MEMORY_LIKE_LIST} are supported with the memory resource`));
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!MEMORY_LIKE_DIVISORS.has(text)) {
      errs.push(...bad(`only divisor's values ${MEMORY_LIKE_LIST} are supported with the local ephemeral storage resource`));
    }
  }
  if (HUGE_PAGES_FIELD_PREFIXES.some((p) => resource.startsWith(p)) && !MEMORY_LIKE_DIVISORS.has(text)) {
    errs.push(...bad(`only divisor's values ${MEMORY_LIKE_LIST} are supported with the hugepages resource`));
  }
  return errs;
}

/** A resourceFieldRef; in a volume file the container name is required too. */
export function validateResourceFieldSelector(fs: Json, path: FieldPath, inVolume: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  const resource = str(fs, 'resource');
  if (inVolume && str(fs, 'containerName') === '') errs.push(required(path.child('containerName')));
  else if (resource === '') errs.push(required(path.child('resource')));
  else if (!CONTAINER_RESOURCE_FIELDS.includes(resource) && !HUGE_PAGES_FIELD_PREFIXES.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(path.child('resource'), resource, CONTAINER_RESOURCE_FIELDS));
  }
  return [...errs, ...validateDivisor(resource, fs.divisor, path)];
}
