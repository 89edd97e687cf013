// The file-producing volume sources: secret, configMap, downwardAPI and projected volumes,
// with their items (key → path) and file modes.

import { forbidden, invalid, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../../machinery/label-selector.js';
import type { LabelSelectorObject } from '../../../machinery/label-selector.js';
import { has, num, obj, objects, optNum, optStr, str, type Json } from '../common/json.js';
import { validateLocalNonReservedPath } from './paths.js';
import { VOLUME_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './field-refs.js';
import type { PodValidationOptions } from './pod-options.js';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** A file mode, when set, within 0–0777. */
export function validateFileMode(o: Json, key: string, path: FieldPath): FieldErrorList {
  const mode = optNum(o, key);
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path.child(key), mode, FILE_MODE_ERROR)] : [];
}

/** One `items` entry: key and path required, the path local. */
export function validateKeyToPath(kp: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(kp, 'key') === '') errs.push(required(path.child('key')));
  if (str(kp, 'path') === '') errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(kp, 'path'), path.child('path')));
  return [...errs, ...validateFileMode(kp, 'mode', path)];
}

function validateItems(source: Json, path: FieldPath): FieldErrorList {
  return objects(source, 'items').flatMap((kp, i) => validateKeyToPath(kp, path.child('items').index(i)));
}

/** A secret volume. */
export function validateSecretVolumeSource(source: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(source, 'secretName') === '' ? [required(path.child('secretName'))] : [];
  return [...errs, ...validateFileMode(source, 'defaultMode', path), ...validateItems(source, path)];
}

/** A configMap volume. */
export function validateConfigMapVolumeSource(source: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(source, 'name') === '' ? [required(path.child('name'))] : [];
  return [...errs, ...validateFileMode(source, 'defaultMode', path), ...validateItems(source, path)];
}

/** One downwardAPI file: a local path and exactly one of fieldRef, resourceFieldRef. */
function validateDownwardAPIFile(file: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(file, 'path') === '') errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(str(file, 'path'), path.child('path')));
  const fieldRef = obj(file, 'fieldRef');
  const resourceRef = obj(file, 'resourceFieldRef');
  if (fieldRef !== undefined) {
    errs.push(...validateObjectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (resourceRef !== undefined) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (resourceRef !== undefined) {
    errs.push(...validateResourceFieldSelector(resourceRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  return [...errs, ...validateFileMode(file, 'mode', path)];
}

/** A downwardAPI volume. Upstream reports each file's errors at the volume's path, not the item's. */
export function validateDownwardAPIVolumeSource(source: Json, path: FieldPath): FieldErrorList {
  return [...validateFileMode(source, 'defaultMode', path), ...objects(source, 'items').flatMap((f) => validateDownwardAPIFile(f, path))];
}

/** Paths already produced by earlier sources of one projected volume. */
class PathSet {
  private readonly seen = new Set<string>();
  /** True when the path was new. */
  add(p: string): boolean {
    if (this.seen.has(p)) return false;
    this.seen.add(p);
    return true;
  }
}

function projectedItems(source: Json, srcPath: FieldPath, volPath: FieldPath, paths: PathSet): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(source, 'name') === '') errs.push(required(srcPath.child('name')));
  objects(source, 'items').forEach((kp, i) => {
    errs.push(...validateKeyToPath(kp, srcPath.child('items').index(i)));
    const p = str(kp, 'path');
    if (p !== '' && !paths.add(p)) errs.push(invalid(volPath, str(source, 'name'), 'conflicting duplicate paths'));
  });
  return errs;
}

function projectedServiceAccountToken(token: Json, srcPath: FieldPath, volPath: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = [];
  const expiration = num(token, 'expirationSeconds');
  if (expiration < 600) errs.push(invalid(srcPath.child('expirationSeconds'), expiration, 'may not specify a duration less than 10 minutes'));
  if (expiration > 2 ** 32) errs.push(invalid(srcPath.child('expirationSeconds'), expiration, 'may not specify a duration larger than 2^32 seconds'));
  const p = str(token, 'path');
  if (p === '') errs.push(required(volPath.child('path')));
  else if (!opts.allowNonLocalProjectedTokenPath) errs.push(...validateLocalNonReservedPath(p, volPath.child('path')));
  return errs;
}

function projectedClusterTrustBundle(ctb: Json, srcPath: FieldPath, volPath: FieldPath, paths: PathSet): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = optStr(ctb, 'name');
  const signerName = optStr(ctb, 'signerName');
  if (name !== undefined && signerName !== undefined) {
    errs.push(invalid(srcPath, ctb, 'only one of name and signerName may be used'));
  } else if (name !== undefined) {
    if (name === '') errs.push(required(srcPath.child('name'), 'must be a valid object name'));
    if (has(ctb, 'labelSelector')) {
      errs.push(invalid(srcPath.child('labelSelector'), ctb.labelSelector, 'labelSelector must be unset if name is specified'));
    }
  } else if (signerName !== undefined) {
    if (signerName === '') errs.push(required(srcPath.child('signerName'), 'must be a valid signer name'));
    errs.push(...validateLabelSelector(obj(ctb, 'labelSelector') as LabelSelectorObject | undefined, srcPath.child('labelSelector')));
  } else {
    errs.push(required(srcPath, 'either name or signerName must be specified'));
  }
  const p = str(ctb, 'path');
  if (p === '') errs.push(required(srcPath.child('path')));
  errs.push(...validateLocalNonReservedPath(p, srcPath.child('path')));
  if (!paths.add(p)) errs.push(invalid(volPath, p, 'conflicting duplicate paths'));
  return errs;
}

function projectedDownwardAPI(source: Json, srcPath: FieldPath, volPath: FieldPath, paths: PathSet): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const file of objects(source, 'items')) {
    errs.push(...validateDownwardAPIFile(file, srcPath));
    const p = str(file, 'path');
    if (p !== '' && !paths.add(p)) errs.push(invalid(volPath, p, 'conflicting duplicate paths'));
  }
  return errs;
}

/** A projected volume: each source one kind, the files' paths distinct across sources. */
export function validateProjectedVolumeSource(source: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs = validateFileMode(source, 'defaultMode', path);
  const paths = new PathSet();
  type SourceCheck = (src: Json, srcPath: FieldPath) => FieldErrorList;
  const checks: ReadonlyArray<readonly [string, SourceCheck]> = [
    ['secret', (s, p) => projectedItems(s, p, path, paths)],
    ['configMap', (s, p) => projectedItems(s, p, path, paths)],
    ['downwardAPI', (s, p) => projectedDownwardAPI(s, p, path, paths)],
    ['serviceAccountToken', (s, p) => projectedServiceAccountToken(s, p, path, opts)],
    ['clusterTrustBundle', (s, p) => projectedClusterTrustBundle(s, p, path, paths)],
  ];
  objects(source, 'sources').forEach((src, i) => {
    const srcPath = path.child('sources').index(i);
    let kinds = 0;
    for (const [key, check] of checks) {
      const s = obj(src, key);
      if (s === undefined) continue;
      kinds++;
      errs.push(...check(s, srcPath.child(key)));
    }
    if (kinds > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}
