// PersistentVolumeClaim (and the claim templates of ephemeral volumes and StatefulSets):
// access modes, a positive storage request, class names, data sources; on update the
// spec is frozen except what upstream lets change (a first volumeName, a storage class
// taken over from the beta annotation, and for bound claims the storage request and the
// volume attributes class).

import { forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { validateLabelSelector, type LabelSelectorObject } from '../../../machinery/label-selector.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validateNamespaceName } from '../../../machinery/name-validation.js';
import { Quantity } from '../../../machinery/quantity.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { map, obj, objOrEmpty, optStr, str, stringMap, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf, validateTemplateObjectMeta } from '../common/meta.js';
import { validateObjectName } from '../common/names.js';
import { quantityOf, resourceList, validateBasicResource, validatePositiveQuantityValue, validateResourceQuantityValue } from '../common/quantity.js';
import { isNativeResource } from '../common/resource-names.js';
import { specDiff } from './spec-diff.js';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const VOLUME_MODES = ['Block', 'Filesystem'];
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** Known access modes, and ReadWriteOncePod alone. */
export function validateAccessModes(modes: readonly string[], path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path, mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateDataSource(ds: Json, path: FieldPath, withNamespace: boolean, allowInvalidGroup: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(ds, 'name') === '') errs.push(required(path.child('name')));
  const kind = str(ds, 'kind');
  if (kind === '') errs.push(required(path.child('kind')));
  const apiGroup = str(ds, 'apiGroup');
  if (apiGroup === '' && kind !== 'PersistentVolumeClaim') {
    errs.push(invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (apiGroup !== '' && !allowInvalidGroup) errs.push(...isDNS1123Subdomain(apiGroup).map((m) => invalid(path.child('apiGroup'), apiGroup, m)));
  const ns = str(ds, 'namespace');
  if (withNamespace && ns !== '') errs.push(...validateNamespaceName(ns, false).map((m) => invalid(path.child('namespace'), ns, m)));
  return errs;
}

function dataSourceChecks(spec: Json, path: FieldPath, allowInvalidGroup: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  const ds = obj(spec, 'dataSource');
  const ref = obj(spec, 'dataSourceRef');
  if (ds !== undefined) errs.push(...validateDataSource(ds, path.child('dataSource'), false, allowInvalidGroup));
  if (ref !== undefined) errs.push(...validateDataSource(ref, path.child('dataSourceRef'), true, allowInvalidGroup));
  // Upstream passes a *field.Path as the value, which encodes to JSON as {}.
  if (ref !== undefined && str(ref, 'namespace') !== '') {
    if (ds !== undefined) errs.push(invalid(path, {}, 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (ds !== undefined && ref !== undefined) {
    const same = optStr(ds, 'apiGroup') === optStr(ref, 'apiGroup') && str(ds, 'kind') === str(ref, 'kind') && str(ds, 'name') === str(ref, 'name');
    if (!same) errs.push(invalid(path, {}, 'must match dataSourceRef'));
  }
  return errs;
}

function classNameErrors(name: string | undefined, path: FieldPath): FieldErrorList {
  return name !== undefined && name !== '' ? validateObjectName(nameIsDNSSubdomain, name, path) : [];
}

/** Options that relax the claim spec checks for objects stored before a rule existed. */
export interface ClaimSpecOptions {
  readonly allowInvalidLabelValueInSelector?: boolean;
  readonly allowInvalidAPIGroupInDataSource?: boolean;
}

/** A claim spec (upstream's ValidatePersistentVolumeClaimSpec). */
export function validatePersistentVolumeClaimSpec(spec: Json, path: FieldPath, opts: ClaimSpecOptions = {}): FieldErrorList {
  const errs: FieldErrorList = [];
  const modes = strings(spec, 'accessModes');
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  const selector = obj(spec, 'selector');
  if (selector !== undefined) {
    errs.push(...validateLabelSelector(selector as LabelSelectorObject, path.child('selector'), {
      allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector ?? false,
    }));
  }
  errs.push(...validateAccessModes(modes, path.child('accessModes')));
  const storagePath = path.child('resources').key('storage');
  const storage = quantityOf(map(obj(spec, 'resources'), 'requests').storage);
  if (storage === undefined) errs.push(required(storagePath));
  else {
    const positive = validatePositiveQuantityValue(storage, storagePath);
    errs.push(...(positive.length > 0 ? positive : validateResourceQuantityValue('storage', storage, storagePath)));
  }
  errs.push(...classNameErrors(optStr(spec, 'storageClassName'), path.child('storageClassName')));
  const volumeMode = optStr(spec, 'volumeMode');
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode)) errs.push(notSupported(path.child('volumeMode'), volumeMode, VOLUME_MODES));
  errs.push(...dataSourceChecks(spec, path, opts.allowInvalidAPIGroupInDataSource ?? false));
  errs.push(...classNameErrors(optStr(spec, 'volumeAttributesClassName'), path.child('volumeAttributesClassName')));
  return errs;
}

/** An embedded claim template: labels and annotations only, and a valid claim spec. */
export function validatePersistentVolumeClaimTemplate(template: Json, path: FieldPath): FieldErrorList {
  return [
    ...validateTemplateObjectMeta(obj(template, 'metadata'), path.child('metadata')),
    ...validatePersistentVolumeClaimSpec(objOrEmpty(template, 'spec'), path.child('spec')),
  ];
}

/** A new claim. */
export function validatePersistentVolumeClaim(pvc: ApiObject, opts: ClaimSpecOptions = {}): FieldErrorList {
  return [...validateObjectMetaOf(pvc, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(objOrEmpty(pvc, 'spec'), root('spec'), opts)];
}

function optionsFromOld(old: ApiObject): ClaimSpecOptions {
  const spec = objOrEmpty(old, 'spec');
  const hasGroup = (key: string): boolean => optStr(obj(spec, key), 'apiGroup') !== undefined;
  const selector = obj(spec, 'selector') as LabelSelectorObject | undefined;
  return {
    allowInvalidAPIGroupInDataSource: hasGroup('dataSource') || hasGroup('dataSourceRef'),
    allowInvalidLabelValueInSelector: validateLabelSelector(selector, root('selector')).length > 0,
  };
}

function storageClassFromAnnotation(oldAnn: Record<string, string>, newAnn: Record<string, string>, oldSc?: string, newSc?: string): boolean {
  const oldValue = oldAnn[BETA_STORAGE_CLASS_ANNOTATION];
  const newValue = newAnn[BETA_STORAGE_CLASS_ANNOTATION];
  return oldValue !== undefined && oldSc === undefined && newSc === oldValue && (newValue === undefined || newValue === oldValue);
}

/** The spec with what an update may change set back to the old values, as upstream compares it. */
function comparableSpecs(pvc: ApiObject, old: ApiObject, errs: FieldErrorList): [Json, Json] {
  const newSpec: Json = structuredClone(objOrEmpty(pvc, 'spec'));
  const oldSpec: Json = structuredClone(objOrEmpty(old, 'spec'));
  if (str(oldSpec, 'volumeName') === '') oldSpec.volumeName = newSpec.volumeName;
  const oldAnn = stringMap(old.metadata, 'annotations');
  const newAnn = stringMap(pvc.metadata, 'annotations');
  const oldSc = optStr(oldSpec, 'storageClassName');
  const newSc = optStr(newSpec, 'storageClassName');
  if (storageClassFromAnnotation(oldAnn, newAnn, oldSc, newSc)) {
    delete newSpec.storageClassName;
  } else {
    const path = root('metadata').child('annotations', BETA_STORAGE_CLASS_ANNOTATION);
    const newValue = newAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
    if (newValue !== (oldAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '')) errs.push(invalid(path, newValue, 'field is immutable'));
    const oldAnnValue = oldAnn[BETA_STORAGE_CLASS_ANNOTATION];
    if (newSc !== undefined && oldSc === undefined && (oldAnnValue === undefined || newSc === oldAnnValue)) delete newSpec.storageClassName;
  }
  if (str(obj(pvc, 'status'), 'phase') === 'Bound') {
    const requests = obj(obj(newSpec, 'resources'), 'requests');
    if (requests !== undefined) requests.storage = map(obj(oldSpec, 'resources'), 'requests').storage;
    if (optStr(newSpec, 'volumeAttributesClassName') !== undefined) newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  }
  return [newSpec, oldSpec];
}

function storageShrink(pvc: ApiObject, old: ApiObject): FieldErrorList {
  const zero = Quantity.fromInt(0);
  const requested = (o: ApiObject): Quantity => quantityOf(map(obj(objOrEmpty(o, 'spec'), 'resources'), 'requests').storage) ?? zero;
  const newSize = requested(pvc);
  if (newSize.cmp(requested(old)) >= 0) return [];
  // Shrinking is how users recover from a failed expansion, down to (not to) the recorded capacity.
  const capacity = quantityOf(map(obj(old, 'status'), 'capacity').storage) ?? zero;
  return newSize.cmp(capacity) <= 0 ? [forbidden(root('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity')] : [];
}

function attributesClassUpdate(pvc: ApiObject, old: ApiObject): FieldErrorList {
  const oldVac = optStr(objOrEmpty(old, 'spec'), 'volumeAttributesClassName');
  const newVac = optStr(objOrEmpty(pvc, 'spec'), 'volumeAttributesClassName');
  if (oldVac === undefined || oldVac === newVac) return [];
  const path = root('spec', 'volumeAttributesClassName');
  if (newVac === undefined) return [forbidden(path, 'update from non-nil value to nil is forbidden')];
  return newVac === '' ? [forbidden(path, 'update from non-nil value to an empty string is forbidden')] : [];
}

/** An update of a claim (upstream's ValidatePersistentVolumeClaimUpdate). */
export function validatePersistentVolumeClaimUpdate(pvc: ApiObject, old: ApiObject): FieldErrorList {
  const errs = [...validateObjectMetaUpdateOf(pvc, old), ...validatePersistentVolumeClaim(pvc, optionsFromOld(old))];
  const [newSpec, oldSpec] = comparableSpecs(pvc, old, errs);
  if (!semanticDeepEqual(newSpec, oldSpec)) {
    const detail = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
    errs.push(forbidden(root('spec'), `${detail}\n${specDiff(oldSpec, newSpec)}`));
  }
  errs.push(...storageShrink(pvc, old));
  const mode = (o: ApiObject): string | null => optStr(objOrEmpty(o, 'spec'), 'volumeMode') ?? null;
  errs.push(...validateImmutableField(mode(pvc), mode(old), root('volumeMode')));
  errs.push(...attributesClassUpdate(pvc, old));
  return errs;
}

const RESIZE_STATUSES = ['ControllerResizeInProgress', 'ControllerResizeInfeasible', 'NodeResizeInProgress', 'NodeResizeInfeasible', 'NodeResizePending'];

/** A key of allocatedResources / allocatedResourceStatuses: a qualified name, `storage` if native. */
function validateClaimResourceKey(key: string, path: FieldPath): FieldErrorList {
  const errs = isQualifiedName(key).map((m) => invalid(path, key, m));
  if (errs.length > 0) return errs;
  return isNativeResource(key) && key !== 'storage' ? [notSupported(path, key, ['storage'])] : [];
}

/** A status update of a claim (upstream's ValidatePersistentVolumeClaimStatusUpdate). */
export function validatePersistentVolumeClaimStatusUpdate(pvc: ApiObject, old: ApiObject): FieldErrorList {
  const errs = validateObjectMetaUpdateOf(pvc, old);
  if (!pvc.metadata.resourceVersion) errs.push(required(root('resourceVersion')));
  if (strings(objOrEmpty(pvc, 'spec'), 'accessModes').length === 0) errs.push(required(root('Spec', 'accessModes')));
  const status = objOrEmpty(pvc, 'status');
  for (const [name, q] of resourceList(status.capacity)) errs.push(...validateBasicResource(q, root('status', 'capacity').key(name)));
  const statusPath = root('status', 'allocatedResourceStatus');
  for (const [key, value] of Object.entries(map(status, 'allocatedResourceStatuses'))) {
    errs.push(...validateClaimResourceKey(key, statusPath));
    if (typeof value !== 'string' || !RESIZE_STATUSES.includes(value)) errs.push(notSupported(statusPath, key, RESIZE_STATUSES));
  }
  const allocPath = root('status', 'allocatedResources');
  for (const [name, q] of resourceList(status.allocatedResources)) {
    const keyErrs = validateClaimResourceKey(name, allocPath);
    if (keyErrs.length > 0) {
      errs.push(...keyErrs);
      continue;
    }
    const basic = validateBasicResource(q, allocPath.key(name));
    errs.push(...(basic.length > 0 ? basic : validateResourceQuantityValue('storage', q, allocPath.key(name))));
  }
  return errs;
}
