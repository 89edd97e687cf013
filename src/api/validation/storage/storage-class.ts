// StorageClass validation: upstream's ValidateStorageClass and, on update, that plus
// ValidateStorageClassUpdate: provisioner, parameters, reclaimPolicy and
// volumeBindingMode never change.

import {
  duplicate, forbidden, invalid, notSupported, required, root, tooLong, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField, validateLabelName } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { asObject, objects, optStr, str, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateQualifiedName } from '../common/names.js';
import { goPointer } from '../go-values.js';
import type { ResourceValidator } from '../validator.js';

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** A provisioner (or CSI driver) name: required, a qualified name in any case. */
function validateProvisioner(provisioner: string, path: FieldPath): FieldErrorList {
  if (provisioner === '') return [required(path, '')];
  return validateQualifiedName(provisioner.toLowerCase(), path);
}

/** Provisioner parameters: at most 512, no empty key, 256 KiB in all. */
function validateParameters(params: Record<string, unknown> | undefined, allowEmpty: boolean, path: FieldPath): FieldErrorList {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMETERS) return [tooLong(path, MAX_PARAMETERS)];
  const errs: FieldErrorList = [];
  let size = 0;
  for (const [key, value] of entries) {
    if (key === '') errs.push(invalid(path, key, 'field can not be empty.'));
    size += Buffer.byteLength(key) + Buffer.byteLength(typeof value === 'string' ? value : '');
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(path, MAX_PARAMETERS_SIZE));
  if (!allowEmpty && entries.length === 0) errs.push(required(path, 'must contain at least one key/value pair'));
  return errs;
}

/** One term's label requirements, with the values of each key (to compare terms). */
function validateTopologyTerm(term: Json, path: FieldPath): [Map<string, Set<string>>, FieldErrorList] {
  const byKey = new Map<string, Set<string>>();
  const errs: FieldErrorList = [];
  objects(term, 'matchLabelExpressions').forEach((requirement, i) => {
    const reqPath = path.child('matchLabelExpressions').index(i);
    const values = strings(requirement, 'values');
    const seen = new Set<string>();
    if (values.length === 0) errs.push(required(reqPath.child('values'), ''));
    values.forEach((v, j) => {
      if (seen.has(v)) errs.push(duplicate(reqPath.child('values').index(j), v));
      seen.add(v);
    });
    const key = str(requirement, 'key');
    errs.push(...validateLabelName(key, reqPath.child('key')));
    if (byKey.has(key)) errs.push(duplicate(reqPath.child('key'), key));
    byKey.set(key, seen);
  });
  return [byKey, errs];
}

function sameTerms(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, values] of a) {
    const other = b.get(key);
    if (other === undefined || other.size !== values.size || [...values].some((v) => !other.has(v))) return false;
  }
  return true;
}

/** allowedTopologies: valid terms, no two alike. */
function validateAllowedTopologies(terms: Json[], path: FieldPath): FieldErrorList {
  // Upstream starts its list of seen terms with one empty term per term, so a term
  // without expressions always counts as a duplicate.
  const seen: Array<Map<string, Set<string>>> = terms.map(() => new Map());
  return terms.flatMap((term, i) => {
    const [byKey, errs] = validateTopologyTerm(term, path.index(i));
    for (const other of seen) {
      if (sameTerms(byKey, other)) errs.push(duplicate(path.index(i).child('matchLabelExpressions'), ''));
    }
    seen.push(byKey);
    return errs;
  });
}

function validateStorageClass(sc: ApiObject): FieldErrorList {
  const errs = [
    ...validateObjectMetaOf(sc, false, nameIsDNSSubdomain),
    ...validateProvisioner(str(sc, 'provisioner'), root('provisioner')),
    ...validateParameters(asObject(sc.parameters), true, root('parameters')),
  ];
  const reclaimPolicy = str(sc, 'reclaimPolicy');
  if (reclaimPolicy !== '' && !RECLAIM_POLICIES.includes(reclaimPolicy)) {
    errs.push(notSupported(root('reclaimPolicy'), reclaimPolicy, RECLAIM_POLICIES));
  }
  const mode = optStr(sc, 'volumeBindingMode');
  if (mode === undefined) errs.push(required(root('volumeBindingMode'), ''));
  else if (!BINDING_MODES.includes(mode)) errs.push(notSupported(root('volumeBindingMode'), mode, BINDING_MODES));
  return [...errs, ...validateAllowedTopologies(objects(sc, 'allowedTopologies'), root('allowedTopologies'))];
}

/** Go's reflect.DeepEqual of two parameter maps: a missing map and an empty one differ. */
function sameParameters(a: unknown, b: unknown): boolean {
  const [x, y] = [asObject(a), asObject(b)];
  if (x === undefined || y === undefined) return x === y;
  return semanticDeepEqual(x, y) && Object.keys(x).length === Object.keys(y).length;
}

function validateStorageClassUpdate(sc: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(sc, old);
  if (!sameParameters(sc.parameters, old.parameters)) errs.push(forbidden(root('parameters'), 'updates to parameters are forbidden.'));
  if (str(sc, 'provisioner') !== str(old, 'provisioner')) errs.push(forbidden(root('provisioner'), 'updates to provisioner are forbidden.'));
  if (str(sc, 'reclaimPolicy') !== str(old, 'reclaimPolicy')) errs.push(forbidden(root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  return [...errs, ...validateImmutableField(goPointer(sc.volumeBindingMode), goPointer(old.volumeBindingMode), root('volumeBindingMode'))];
}

export const storageClassValidator: ResourceValidator = {
  validate: validateStorageClass,
  validateUpdate: (sc, old) => [...validateStorageClass(sc), ...validateStorageClassUpdate(sc, old)],
};
