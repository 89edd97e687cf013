// The volumes of a pod spec: unique DNS-label names and exactly one source each
// (upstream's ValidateVolumes and validateVolumeSource). Returns the valid volumes by
// name, which container mounts and devices must refer to.

import { duplicate, forbidden, invalid, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { goLen, goQuote } from '../../../machinery/go-format.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { has, obj, str, type Json } from '../common/json.js';
import { validateDNS1123Label } from '../common/names.js';
import { validatePersistentVolumeClaimTemplate } from './persistent-volume-claim.js';
import type { PodValidationOptions } from './pod-options.js';
import {
  validateConfigMapVolumeSource, validateDownwardAPIVolumeSource, validateProjectedVolumeSource, validateSecretVolumeSource,
} from './volume-files.js';
import * as src from './volume-sources.js';
import { validatePullPolicy } from './container-fields.js';

type SourceCheck = (source: Json, path: FieldPath, opts: PodValidationOptions) => FieldErrorList;

/**
 * The volume sources in upstream's order of checking: the JSON key, the path name of the
 * "more than 1 volume type" error, the path name its own checks use (upstream spells a
 * few differently), and the checks.
 */
const SOURCES: ReadonlyArray<readonly [string, string, string, SourceCheck]> = [
  ['emptyDir', 'emptyDir', 'emptyDir', src.validateEmptyDir],
  ['hostPath', 'hostPath', 'hostPath', src.validateHostPathVolumeSource],
  ['gitRepo', 'gitRepo', 'gitRepo', src.validateGitRepoVolumeSource],
  ['gcePersistentDisk', 'gcePersistentDisk', 'persistentDisk', src.validateGCEPersistentDisk],
  ['awsElasticBlockStore', 'awsElasticBlockStore', 'awsElasticBlockStore', src.validateAWSElasticBlockStore],
  ['secret', 'secret', 'secret', validateSecretVolumeSource],
  ['nfs', 'nfs', 'nfs', src.validateNFSVolumeSource],
  ['iscsi', 'iscsi', 'iscsi', src.validateISCSIVolumeSource],
  ['glusterfs', 'glusterfs', 'glusterfs', src.validateGlusterfsVolumeSource],
  ['flocker', 'flocker', 'flocker', src.validateFlockerVolumeSource],
  ['persistentVolumeClaim', 'persistentVolumeClaim', 'persistentVolumeClaim', src.validatePersistentVolumeClaimVolumeSource],
  ['rbd', 'rbd', 'rbd', src.validateRBDVolumeSource],
  ['cinder', 'cinder', 'cinder', src.validateCinderVolumeSource],
  ['cephfs', 'cephFS', 'cephfs', src.validateCephFSVolumeSource],
  ['quobyte', 'quobyte', 'quobyte', src.validateQuobyteVolumeSource],
  ['downwardAPI', 'downwarAPI', 'downwardAPI', validateDownwardAPIVolumeSource],
  ['fc', 'fc', 'fc', src.validateFCVolumeSource],
  ['flexVolume', 'flexVolume', 'flexVolume', src.validateFlexVolumeSource],
  ['configMap', 'configMap', 'configMap', validateConfigMapVolumeSource],
  ['azureFile', 'azureFile', 'azureFile', src.validateAzureFile],
  ['vsphereVolume', 'vsphereVolume', 'vsphereVolume', src.requiredField('volumePath')],
  ['photonPersistentDisk', 'photonPersistentDisk', 'photonPersistentDisk', src.requiredField('pdID')],
  ['portworxVolume', 'portworxVolume', 'portworxVolume', src.requiredField('volumeID')],
  ['azureDisk', 'azureDisk', 'azureDisk', src.validateAzureDisk],
  ['storageos', 'storageos', 'storageos', src.validateStorageOSVolumeSource],
  ['projected', 'projected', 'projected', validateProjectedVolumeSource],
  ['scaleIO', 'scaleIO', 'scaleIO', src.validateScaleIOVolumeSource],
  ['csi', 'csi', 'csi', src.validateCSIVolumeSource],
  ['ephemeral', 'ephemeral', 'ephemeral', validateEphemeralVolumeSource],
  ['image', 'image', 'image', validateImageVolumeSource],
];

function validateEphemeralVolumeSource(s: Json, path: FieldPath): FieldErrorList {
  const template = obj(s, 'volumeClaimTemplate');
  if (template === undefined) return [required(path.child('volumeClaimTemplate'))];
  return validatePersistentVolumeClaimTemplate(template, path.child('volumeClaimTemplate'));
}

function validateImageVolumeSource(s: Json, path: FieldPath, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = opts.resourceIsPod && str(s, 'reference') === '' ? [required(path.child('reference'))] : [];
  return [...errs, ...validatePullPolicy(str(s, 'pullPolicy'), path.child('pullPolicy'))];
}

/** With an initiator name, `<volume name>:<targetPortal>` must stay within 64 bytes. */
function iscsiNameLength(vol: Json, path: FieldPath): FieldErrorList {
  const name = str(vol, 'name');
  const iscsi = obj(vol, 'iscsi') ?? {};
  if (!has(iscsi, 'initiatorName') || goLen(`${name}:${str(iscsi, 'targetPortal')}`) <= 64) return [];
  const msg = 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.';
  return [invalid(path.child('name'), name, msg)];
}

/** The claim an ephemeral volume creates is named `<pod>-<volume>`, which must be a valid PVC name. */
function ephemeralClaimName(vol: Json, path: FieldPath, podName: string): FieldErrorList {
  const name = str(vol, 'name');
  if (podName === '' || name === '') return [];
  const pvcName = `${podName}-${name}`;
  return nameIsDNSSubdomain(pvcName, false).map((msg) => invalid(path.child('name'), name, `PVC name ${goQuote(pvcName)}: ${msg}`));
}

/** One volume's source: exactly one kind. `podName` is '' outside a real pod. */
export function validateVolumeSource(vol: Json, path: FieldPath, podName: string, opts: PodValidationOptions): FieldErrorList {
  const errs: FieldErrorList = [];
  let kinds = 0;
  for (const [key, forbidName, checkName, check] of SOURCES) {
    const source = obj(vol, key);
    if (source === undefined) continue;
    if (kinds > 0) {
      errs.push(forbidden(path.child(forbidName), 'may not specify more than 1 volume type'));
    } else {
      kinds++;
      errs.push(...check(source, path.child(checkName), opts));
      if (key === 'ephemeral') errs.push(...ephemeralClaimName(vol, path, podName));
    }
    // Upstream checks this beside the source, even when it is a second one.
    if (key === 'iscsi') errs.push(...iscsiNameLength(vol, path));
  }
  if (kinds === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** The volumes that passed validation, by name, for mounts and devices to resolve. */
export type VolumeMap = ReadonlyMap<string, Json>;

/** The volumes of a pod spec; returns the errors and the valid volumes. `podName` is '' in templates. */
export function validateVolumes(
  volumes: readonly Json[],
  podName: string,
  path: FieldPath,
  opts: PodValidationOptions,
): { volumes: VolumeMap; errors: FieldErrorList } {
  const errors: FieldErrorList = [];
  const valid = new Map<string, Json>();
  const createdClaims = new Set(podName === '' ? [] : volumes.filter((v) => has(v, 'ephemeral')).map((v) => `${podName}-${str(v, 'name')}`));
  volumes.forEach((vol, i) => {
    const idx = path.index(i);
    const name = str(vol, 'name');
    const el = validateVolumeSource(vol, idx, podName, opts);
    if (name === '') el.push(required(idx.child('name')));
    else el.push(...validateDNS1123Label(name, idx.child('name')));
    if (valid.has(name)) el.push(duplicate(idx.child('name'), name));
    if (el.length === 0) valid.set(name, vol);
    else errors.push(...el);
    const claimName = str(obj(vol, 'persistentVolumeClaim'), 'claimName');
    if (has(vol, 'persistentVolumeClaim') && createdClaims.has(claimName)) {
      errors.push(invalid(idx.child('persistentVolumeClaim', 'claimName'), claimName, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: valid, errors };
}

