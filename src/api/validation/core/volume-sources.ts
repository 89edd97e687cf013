// The storage-backed volume sources a pod can mount directly (most of which a
// PersistentVolume can carry too), each with upstream's required fields and formats.

import { forbidden, invalid, notSupported, required, tooLong, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { inclusiveRangeError, isDNS1123Subdomain } from '../../../machinery/name-validation.js';
import { goLen } from '../../../machinery/go-format.js';
import { has, map, num, obj, optNum, optStr, str, strings, type Json } from '../common/json.js';
import { validateDNS1123Label } from '../common/names.js';
import { quantityOf } from '../common/quantity.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.js';

const PD_PARTITION_ERROR = inclusiveRangeError(1, 255);

/** The host path types, sorted as upstream lists them ("" means no check). */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

export function validateHostPathVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const p = str(s, 'path');
  if (p === '') return [required(path.child('path'))];
  const errs = validatePathNoBacksteps(p, path.child('path'));
  const type = optStr(s, 'type');
  if (type !== undefined && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, HOST_PATH_TYPES));
  return errs;
}

export function validateGitRepoVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(s, 'repository') === '' ? [required(path.child('repository'))] : [];
  return [...errs, ...validateLocalDescendingPath(str(s, 'directory'), path.child('directory'))];
}

function partition(s: Json, path: FieldPath): FieldErrorList {
  const p = num(s, 'partition');
  return p < 0 || p > 255 ? [invalid(path.child('partition'), p, PD_PARTITION_ERROR)] : [];
}

export function validateGCEPersistentDisk(s: Json, path: FieldPath): FieldErrorList {
  return [...(str(s, 'pdName') === '' ? [required(path.child('pdName'))] : []), ...partition(s, path)];
}

export function validateAWSElasticBlockStore(s: Json, path: FieldPath): FieldErrorList {
  return [...(str(s, 'volumeID') === '' ? [required(path.child('volumeID'))] : []), ...partition(s, path)];
}

export function validateNFSVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(s, 'server') === '') errs.push(required(path.child('server')));
  if (str(s, 'path') === '') errs.push(required(path.child('path')));
  if (!str(s, 'path').startsWith('/')) errs.push(invalid(path.child('path'), str(s, 'path'), 'must be an absolute path'));
  return errs;
}

// Go's regexp `\s` is [\t\n\f\r ]; MatchString finds the pattern anywhere unless anchored.
const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

/** The format problem of an iSCSI name (iqn…, eui…, naa…), if any; `prefixMsg` for an unknown prefix. */
function iscsiNameError(name: string, prefixMsg: string): string | undefined {
  if (name.startsWith('iqn')) return IQN.test(name) ? undefined : 'must be valid format';
  if (name.startsWith('eui')) return EUI.test(name) ? undefined : 'must be valid format';
  if (name.startsWith('naa')) return NAA.test(name) ? undefined : 'must be valid format';
  return prefixMsg;
}

/** The checks iSCSI sources of pods and PVs share; `prefixMsg` differs between the two upstream. */
export function validateISCSICommon(s: Json, path: FieldPath, prefixMsg: string): FieldErrorList {
  const errs: FieldErrorList = [];
  const iqn = str(s, 'iqn');
  if (iqn === '') errs.push(required(path.child('iqn')));
  else {
    const e = iscsiNameError(iqn, prefixMsg);
    if (e !== undefined) errs.push(invalid(path.child('iqn'), iqn, e));
  }
  const lun = num(s, 'lun');
  if (lun < 0 || lun > 255) errs.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((s.chapAuthDiscovery === true || s.chapAuthSession === true) && !has(s, 'secretRef')) errs.push(required(path.child('secretRef')));
  return errs;
}

/** The initiator name check; pods and PVs word an unknown prefix differently. */
export function validateISCSIInitiator(s: Json, path: FieldPath, prefixMsg: string): FieldErrorList {
  const initiator = optStr(s, 'initiatorName');
  if (initiator === undefined) return [];
  const errs: FieldErrorList = [];
  const known = ['iqn', 'eui', 'naa'].some((p) => initiator.startsWith(p));
  if (!known) errs.push(invalid(path.child('initiatorname'), initiator, prefixMsg));
  const e = iscsiNameError(initiator, '');
  if (known && e !== undefined) errs.push(invalid(path.child('initiatorname'), initiator, e));
  return errs;
}

const ISCSI_PREFIX_MSG = 'must be valid format starting with iqn, eui, or naa';

export function validateISCSIVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(s, 'targetPortal') === '' ? [required(path.child('targetPortal'))] : [];
  return [...errs, ...validateISCSICommon(s, path, ISCSI_PREFIX_MSG), ...validateISCSIInitiator(s, path, ISCSI_PREFIX_MSG)];
}

export function validateGlusterfsVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(s, 'endpoints') === '') errs.push(required(path.child('endpoints')));
  if (str(s, 'path') === '') errs.push(required(path.child('path')));
  return errs;
}

export function validateFlockerVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(s, 'datasetName');
  const uuid = str(s, 'datasetUUID');
  if (name === '' && uuid === '') errs.push(required(path, 'one of datasetName and datasetUUID is required'));
  if (name !== '' && uuid !== '') errs.push(invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (name.includes('/')) errs.push(invalid(path.child('datasetName'), name, "must not contain '/'"));
  return errs;
}

export function validatePersistentVolumeClaimVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  return str(s, 'claimName') === '' ? [required(path.child('claimName'))] : [];
}

export function validateRBDVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (strings(s, 'monitors').length === 0) errs.push(required(path.child('monitors')));
  if (str(s, 'image') === '') errs.push(required(path.child('image')));
  return errs;
}

export function validateCinderVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(s, 'volumeID') === '' ? [required(path.child('volumeID'))] : [];
  const ref = obj(s, 'secretRef');
  if (ref !== undefined && str(ref, 'name') === '') errs.push(required(path.child('secretRef', 'name')));
  return errs;
}

export function validateCephFSVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  return strings(s, 'monitors').length === 0 ? [required(path.child('monitors'))] : [];
}

/** Go's net.SplitHostPort succeeds: `host:port` or `[v6]:port` (either part may be empty). */
function isHostPort(hostPort: string): boolean {
  if (hostPort.startsWith('[')) return /^\[[^\]]*\]:[^:]*$/.test(hostPort);
  const colons = hostPort.split(':').length - 1;
  return colons === 1 && !hostPort.includes('[') && !hostPort.includes(']');
}

export function validateQuobyteVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const registry = str(s, 'registry');
  const registryMsg = 'must be a host:port pair or multiple pairs separated by commas';
  if (registry === '') errs.push(required(path.child('registry'), registryMsg));
  else if (goLen(str(s, 'tenant')) >= 65) errs.push(required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  else {
    for (const pair of registry.split(',')) if (!isHostPort(pair)) errs.push(invalid(path.child('registry'), registry, registryMsg));
  }
  if (str(s, 'volume') === '') errs.push(required(path.child('volume')));
  return errs;
}

export function validateFCVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const wwns = strings(s, 'targetWWNs');
  const wwids = strings(s, 'wwids');
  if (wwns.length < 1 && wwids.length < 1) errs.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length !== 0 && wwids.length !== 0) {
    errs.push(invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  }
  if (wwns.length !== 0) {
    const lun = optNum(s, 'lun');
    if (lun === undefined) errs.push(required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (lun < 0 || lun > 255) errs.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  }
  return errs;
}

/** Flex volume options may not use the kubernetes.io or k8s.io namespaces. */
export function validateFlexVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(s, 'driver') === '' ? [required(path.child('driver'))] : [];
  for (const key of Object.keys(map(s, 'options'))) {
    const slash = key.indexOf('/');
    const ns = `.${(slash >= 0 ? key.slice(0, slash) : key).toLowerCase()}`;
    if (ns.endsWith('.kubernetes.io') || ns.endsWith('.k8s.io')) {
      errs.push(invalid(path.child('options').key(key), key, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
  }
  return errs;
}

export function validateAzureFile(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(s, 'secretName') === '') errs.push(required(path.child('secretName')));
  if (str(s, 'shareName') === '') errs.push(required(path.child('shareName')));
  return errs;
}

const AZURE_CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];

export function validateAzureDisk(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (str(s, 'diskName') === '') errs.push(required(path.child('diskName')));
  const uri = str(s, 'diskURI');
  if (uri === '') errs.push(required(path.child('diskURI')));
  const caching = optStr(s, 'cachingMode');
  if (caching !== undefined && !AZURE_CACHING_MODES.includes(caching)) errs.push(notSupported(path.child('cachingMode'), caching, AZURE_CACHING_MODES));
  const kind = optStr(s, 'kind');
  if (kind !== undefined && !AZURE_DISK_KINDS.includes(kind)) errs.push(notSupported(path.child('kind'), kind, AZURE_DISK_KINDS));
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
    errs.push(notSupported(path.child('diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  }
  if (kind !== undefined && kind !== 'Managed' && !uri.startsWith('https://')) {
    errs.push(notSupported(path.child('diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  }
  return errs;
}

/** A source whose only rule is one required field. */
export function requiredField(key: string): (s: Json, path: FieldPath) => FieldErrorList {
  return (s, path) => (str(s, key) === '' ? [required(path.child(key))] : []);
}

export function validateScaleIOVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  return ['gateway', 'system', 'volumeName'].flatMap((k) => requiredField(k)(s, path));
}

export function validateStorageOSVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  const name = str(s, 'volumeName');
  if (name === '') errs.push(required(path.child('volumeName')));
  else errs.push(...validateDNS1123Label(name, path.child('volumeName')));
  const ns = str(s, 'volumeNamespace');
  if (ns !== '') errs.push(...validateDNS1123Label(ns, path.child('volumeNamespace')));
  const ref = obj(s, 'secretRef');
  if (ref !== undefined && str(ref, 'name') === '') errs.push(required(path.child('secretRef', 'name')));
  return errs;
}

/** A CSI driver name: required, at most 63 characters, a DNS subdomain once lowercased. */
export function validateCSIDriverName(driver: string, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  if (driver === '') errs.push(required(path));
  if (goLen(driver) > 63) errs.push(tooLong(path, 63));
  return [...errs, ...isDNS1123Subdomain(driver.toLowerCase()).map((msg) => invalid(path, driver, msg))];
}

export function validateCSIVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const errs = validateCSIDriverName(str(s, 'driver'), path.child('driver'));
  const ref = obj(s, 'nodePublishSecretRef');
  if (ref !== undefined) {
    const name = str(ref, 'name');
    if (name === '') errs.push(required(path.child('nodePublishSecretRef', 'name')));
    // Upstream reports a malformed name at `csi.name`, not under nodePublishSecretRef.
    else errs.push(...isDNS1123Subdomain(name).map((msg) => invalid(path.child('name'), name, msg)));
  }
  return errs;
}

export function validateLocalVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const p = str(s, 'path');
  return p === '' ? [required(path.child('path'))] : validatePathNoBacksteps(p, path.child('path'));
}

/** An emptyDir's size limit may not be negative. */
export function validateEmptyDir(s: Json, path: FieldPath): FieldErrorList {
  const limit = quantityOf(s.sizeLimit);
  return limit !== undefined && limit.sign() < 0 ? [forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
}
