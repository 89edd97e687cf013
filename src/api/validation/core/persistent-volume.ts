// PersistentVolume (upstream's ValidatePersistentVolume and its update): access modes, a
// positive storage capacity, reclaim policy, node affinity, exactly one source; on
// update the source and volume mode are frozen and node affinity may only move from
// beta to GA label keys.

import { forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { has, map, obj, objects, objOrEmpty, optStr, str, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import { validateObjectName } from '../common/names.js';
import { resourceList, validateBasicResource, validatePositiveQuantityValue } from '../common/quantity.js';
import { goMap } from './internal-values.js';
import { VOLUME_MODES, validateAccessModes } from './persistent-volume-claim.js';
import { PV_SOURCE_KEYS, validatePVSource } from './pv-sources.js';
import { validateNodeSelector } from './scheduling.js';
import { specDiff } from './spec-diff.js';

const SPEC = root('spec');
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

function capacityErrors(spec: Json): FieldErrorList {
  const capacity = map(spec, 'capacity');
  const path = SPEC.child('capacity');
  const errs: FieldErrorList = [];
  if (Object.keys(capacity).length === 0) errs.push(required(path));
  if (!Object.hasOwn(capacity, 'storage') || Object.keys(capacity).length > 1) errs.push(notSupported(path, goMap(capacity), ['storage']));
  for (const [name, q] of resourceList(capacity)) {
    errs.push(...validateBasicResource(q, path.key(name)), ...validatePositiveQuantityValue(q, path.key(name)));
  }
  return errs;
}

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** A PV's spec; `pvName` matters for iSCSI name lengths. */
export function validatePersistentVolumeSpec(spec: Json, pvName: string, path: FieldPath = SPEC): FieldErrorList {
  const errs: FieldErrorList = [];
  const modes = strings(spec, 'accessModes');
  if (modes.length === 0) errs.push(required(path.child('accessModes')));
  errs.push(...validateAccessModes(modes, path.child('accessModes')), ...capacityErrors(spec));
  const reclaim = str(spec, 'persistentVolumeReclaimPolicy');
  if (reclaim !== '' && !RECLAIM_POLICIES.includes(reclaim)) {
    errs.push(notSupported(path.child('persistentVolumeReclaimPolicy'), reclaim, RECLAIM_POLICIES));
  }
  const affinity = obj(spec, 'nodeAffinity');
  if (affinity !== undefined) {
    const requiredTerms = obj(affinity, 'required');
    const affinityPath = path.child('nodeAffinity', 'required');
    if (requiredTerms !== undefined) errs.push(...validateNodeSelector(requiredTerms, false, affinityPath));
    else errs.push(required(affinityPath, 'must specify required node constraints'));
  }
  errs.push(...validatePVSource(spec, path, pvName, affinity !== undefined));
  const hostPath = obj(spec, 'hostPath');
  if (hostPath !== undefined && cleanPath(str(hostPath, 'path')) === '/' && reclaim === 'Recycle') {
    errs.push(forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const className = str(spec, 'storageClassName');
  if (className !== '') errs.push(...validateObjectName(nameIsDNSSubdomain, className, path.child('storageClassName')));
  const mode = optStr(spec, 'volumeMode');
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) errs.push(notSupported(path.child('volumeMode'), mode, VOLUME_MODES));
  const vac = optStr(spec, 'volumeAttributesClassName');
  if (vac !== undefined) {
    if (vac === '') errs.push(required(path.child('volumeAttributesClassName'), 'an empty string is disallowed'));
    else errs.push(...validateObjectName(nameIsDNSSubdomain, vac, path.child('volumeAttributesClassName')));
    if (!has(spec, 'csi')) errs.push(required(path.child('csi'), 'has to be specified when using volumeAttributesClassName'));
  }
  return errs;
}

/** A new PV. */
export function validatePersistentVolume(pv: ApiObject): FieldErrorList {
  return [...validateObjectMetaOf(pv, false, nameIsDNSSubdomain), ...validatePersistentVolumeSpec(objOrEmpty(pv, 'spec'), pv.metadata.name ?? '')];
}

function sourceOf(spec: Json): Json {
  return Object.fromEntries(PV_SOURCE_KEYS.filter((k) => has(spec, k)).map((k) => [k, spec[k]]));
}

const BETA_TO_GA: Readonly<Record<string, string>> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
};

/** Old node affinity with every beta key that the new one spells in GA form renamed, for comparison. */
function withGAKeys(oldAffinity: Json | undefined, newAffinity: Json | undefined): unknown {
  if (oldAffinity === undefined) return undefined;
  const copy = structuredClone(oldAffinity);
  const newTerms = objects(obj(newAffinity, 'required'), 'nodeSelectorTerms');
  objects(obj(copy, 'required'), 'nodeSelectorTerms').forEach((term, i) => {
    const newExprs = objects(newTerms[i], 'matchExpressions');
    objects(term, 'matchExpressions').forEach((expr, j) => {
      const newKey = str(newExprs[j], 'key');
      if (BETA_TO_GA[str(expr, 'key')] === newKey) expr.key = newKey;
    });
  });
  return copy;
}

/** A PV update. */
export function validatePersistentVolumeUpdate(pv: ApiObject, old: ApiObject): FieldErrorList {
  const errs = [...validateObjectMetaUpdateOf(pv, old), ...validatePersistentVolume(pv)];
  const spec = objOrEmpty(pv, 'spec');
  const oldSpec = objOrEmpty(old, 'spec');
  const newSource = sourceOf(spec);
  const oldSource = sourceOf(oldSpec);
  // A CSI volume may gain a controllerExpandSecretRef it did not have.
  const newCSI = obj(newSource, 'csi');
  if (newCSI !== undefined && obj(oldSource, 'csi') !== undefined && !has(obj(oldSource, 'csi'), 'controllerExpandSecretRef')) {
    newSource.csi = { ...newCSI, controllerExpandSecretRef: undefined };
  }
  if (!semanticDeepEqual(newSource, oldSource)) {
    const path = SPEC.child('persistentvolumesource');
    errs.push(forbidden(path, `spec.persistentvolumesource is immutable after creation\n${specDiff(oldSource, newSource)}`));
  }
  errs.push(...validateImmutableField(optStr(spec, 'volumeMode') ?? null, optStr(oldSpec, 'volumeMode') ?? null, root('volumeMode')));
  const oldAffinity = obj(oldSpec, 'nodeAffinity');
  const newAffinity = obj(spec, 'nodeAffinity');
  if (oldAffinity !== undefined && !semanticDeepEqual(newAffinity, withGAKeys(oldAffinity, newAffinity))) {
    errs.push(invalid(root('nodeAffinity'), newAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
  }
  const oldVac = optStr(oldSpec, 'volumeAttributesClassName');
  if (oldVac !== undefined && optStr(spec, 'volumeAttributesClassName') === undefined) {
    errs.push(forbidden(SPEC.child('volumeAttributesClassName'), 'update from non-nil value to nil is forbidden'));
  }
  return errs;
}

/** A status update: the metadata rules and a resourceVersion. */
export function validatePersistentVolumeStatusUpdate(pv: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(pv, old);
  if (!pv.metadata.resourceVersion) errs.push(required(root('resourceVersion')));
  return errs;
}
