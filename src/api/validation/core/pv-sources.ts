// The volume sources of a PersistentVolume, exactly one per volume, with the checks that
// differ from the pod's sources (secret references need namespaces; iSCSI names count
// the PV's name).

import { forbidden, invalid, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { validateNamespaceName } from '../../../machinery/name-validation.js';
import { has, obj, optStr, str, type Json } from '../common/json.js';
import { validateDNS1123Label, validateDNS1123Subdomain } from '../common/names.js';
import * as src from './volume-sources.js';

type Check = (s: Json, path: FieldPath, pvName: string) => FieldErrorList;

function secretReference(ref: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(ref, 'name');
  if (name === '') errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Subdomain(name, path.child('name')));
  const ns = str(ref, 'namespace');
  if (ns === '') errs.push(required(path.child('namespace')));
  else errs.push(...validateDNS1123Label(ns, path.child('namespace')));
  return errs;
}

function glusterfs(s: Json, path: FieldPath): FieldErrorList {
  const errs = src.validateGlusterfsVolumeSource(s, path);
  const ns = optStr(s, 'endpointsNamespace');
  if (ns === '') errs.push(invalid(path.child('endpointsNamespace'), ns, 'if the endpointnamespace is set, it must be a valid namespace name'));
  else if (ns !== undefined) errs.push(...validateNamespaceName(ns, false).map((m) => invalid(path.child('endpointsNamespace'), ns, m)));
  return errs;
}

function iscsi(s: Json, path: FieldPath, pvName: string): FieldErrorList {
  const errs: FieldErrorList = [];
  const portal = str(s, 'targetPortal');
  if (portal === '') errs.push(required(path.child('targetPortal')));
  if (has(s, 'initiatorName') && goLen(`${pvName}:${portal}`) > 64) {
    const msg = 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.';
    errs.push(invalid(path.child('targetportal'), portal, msg));
  }
  errs.push(...src.validateISCSICommon(s, path, 'must be valid format'));
  const ref = obj(s, 'secretRef');
  if (ref !== undefined && str(ref, 'name') === '') errs.push(required(path.child('secretRef', 'name')));
  return [...errs, ...src.validateISCSIInitiator(s, path, 'must be valid format')];
}

function cinder(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(s, 'volumeID') === '' ? [required(path.child('volumeID'))] : [];
  const ref = obj(s, 'secretRef');
  if (ref !== undefined) {
    if (str(ref, 'name') === '') errs.push(required(path.child('secretRef', 'name')));
    if (str(ref, 'namespace') === '') errs.push(required(path.child('secretRef', 'namespace')));
  }
  return errs;
}

function azureFile(s: Json, path: FieldPath): FieldErrorList {
  const errs = src.validateAzureFile(s, path);
  if (optStr(s, 'secretNamespace') === '') errs.push(required(path.child('secretNamespace')));
  return errs;
}

function storageos(s: Json, path: FieldPath): FieldErrorList {
  const errs = src.validateStorageOSVolumeSource({ ...s, secretRef: undefined }, path);
  const ref = obj(s, 'secretRef');
  if (ref !== undefined) {
    if (str(ref, 'name') === '') errs.push(required(path.child('secretRef', 'name')));
    if (str(ref, 'namespace') === '') errs.push(required(path.child('secretRef', 'namespace')));
  }
  return errs;
}

function csi(s: Json, path: FieldPath): FieldErrorList {
  const errs = src.validateCSIDriverName(str(s, 'driver'), path.child('driver'));
  if (str(s, 'volumeHandle') === '') errs.push(required(path.child('volumeHandle')));
  for (const key of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef']) {
    const ref = obj(s, key);
    if (ref !== undefined) errs.push(...secretReference(ref, path.child(key)));
  }
  return errs;
}

/** The PV sources in upstream's order: JSON key, the path name of its own checks, the checks. */
const PV_SOURCES: ReadonlyArray<readonly [string, string, Check]> = [
  ['hostPath', 'hostPath', src.validateHostPathVolumeSource],
  ['gcePersistentDisk', 'persistentDisk', src.validateGCEPersistentDisk],
  ['awsElasticBlockStore', 'awsElasticBlockStore', src.validateAWSElasticBlockStore],
  ['glusterfs', 'glusterfs', glusterfs],
  ['flocker', 'flocker', src.validateFlockerVolumeSource],
  ['nfs', 'nfs', src.validateNFSVolumeSource],
  ['rbd', 'rbd', src.validateRBDVolumeSource],
  ['quobyte', 'quobyte', src.validateQuobyteVolumeSource],
  ['cephfs', 'cephfs', src.validateCephFSVolumeSource],
  ['iscsi', 'iscsi', iscsi],
  ['cinder', 'cinder', cinder],
  ['fc', 'fc', src.validateFCVolumeSource],
  ['flexVolume', 'flexVolume', src.validateFlexVolumeSource],
  ['azureFile', 'azureFile', azureFile],
  ['vsphereVolume', 'vsphereVolume', src.requiredField('volumePath')],
  ['photonPersistentDisk', 'photonPersistentDisk', src.requiredField('pdID')],
  ['portworxVolume', 'portworxVolume', src.requiredField('volumeID')],
  ['azureDisk', 'azureDisk', src.validateAzureDisk],
  ['scaleIO', 'scaleIO', src.validateScaleIOVolumeSource],
  ['local', 'local', src.validateLocalVolumeSource],
  ['storageos', 'storageos', storageos],
  ['csi', 'csi', csi],
];

/** The JSON keys of a PV's source (upstream's PersistentVolumeSource fields). */
export const PV_SOURCE_KEYS: readonly string[] = PV_SOURCES.map(([key]) => key);

/**
 * The PV's source: exactly one kind (a flex volume is counted without the check, as
 * upstream does). A local volume needs node affinity (`hasNodeAffinity`).
 */
export function validatePVSource(spec: Json, path: FieldPath, pvName: string, hasNodeAffinity: boolean): FieldErrorList {
  const errs: FieldErrorList = [];
  let kinds = 0;
  for (const [key, checkName, check] of PV_SOURCES) {
    const s = obj(spec, key);
    if (s === undefined) continue;
    if (kinds > 0 && key !== 'flexVolume') {
      errs.push(forbidden(path.child(key), 'may not specify more than 1 volume type'));
      continue;
    }
    kinds++;
    errs.push(...check(s, path.child(checkName), pvName));
    if (key === 'local' && !hasNodeAffinity) errs.push(required(path.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (kinds === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}
