// Defaults of volume sources, shared by pod volumes, persistent volumes (whose sources
// reuse most of the same types) and claim templates.

import { defaultFieldRef } from './container.js';
import { defaultPullPolicy } from './image-pull-policy.js';
import { child, defaultUnset, defaultZero, items, stringField, withChild, type JsonObject } from './json.js';
import { roundResourceList } from './resource-list.js';

/** 0644, the file mode of secret, configMap, downwardAPI and projected volume files. */
const DEFAULT_FILE_MODE = 0o644;
/** An hour: the default lifetime of a projected service account token. */
const TOKEN_EXPIRATION_SECONDS = 3600;

/** A pod volume (SetDefaults_Volume and the defaulters of its source). */
export function defaultVolume(volume: JsonObject): void {
  // A volume that names no source at all is an emptyDir.
  if (Object.keys(volume).every((key) => key === 'name' || volume[key] === undefined || volume[key] === null)) {
    volume.emptyDir = {};
  }
  withChild(volume, 'image', (image) => defaultZero(image, 'pullPolicy', defaultPullPolicy(stringField(image, 'reference'))));
  withChild(volume, 'secret', defaultFileMode);
  withChild(volume, 'configMap', defaultFileMode);
  withChild(volume, 'downwardAPI', defaultDownwardAPI);
  withChild(volume, 'projected', defaultProjected);
  withChild(child(volume, 'ephemeral'), 'volumeClaimTemplate', (template) => withChild(template, 'spec', defaultClaimSpec));
  defaultCommonSources(volume);
}

/** The sources a persistent volume shares with pod volumes (its spec holds them directly). */
export function defaultPersistentVolumeSources(spec: JsonObject): void {
  defaultCommonSources(spec);
}

function defaultCommonSources(source: JsonObject): void {
  withChild(source, 'hostPath', (hostPath) => defaultUnset(hostPath, 'type', () => ''));
  withChild(source, 'iscsi', (iscsi) => defaultZero(iscsi, 'iscsiInterface', 'default'));
  withChild(source, 'rbd', (rbd) => {
    defaultZero(rbd, 'pool', 'rbd');
    defaultZero(rbd, 'user', 'admin');
    defaultZero(rbd, 'keyring', '/etc/ceph/keyring');
  });
  withChild(source, 'azureDisk', (disk) => {
    defaultUnset(disk, 'cachingMode', () => 'ReadWrite');
    defaultUnset(disk, 'fsType', () => 'ext4');
    defaultUnset(disk, 'readOnly', () => false);
    defaultUnset(disk, 'kind', () => 'Shared');
  });
  withChild(source, 'scaleIO', (scaleIO) => {
    defaultZero(scaleIO, 'storageMode', 'ThinProvisioned');
    defaultZero(scaleIO, 'fsType', 'xfs');
  });
}

function defaultFileMode(source: JsonObject): void {
  defaultUnset(source, 'defaultMode', () => DEFAULT_FILE_MODE);
}

function defaultDownwardAPI(source: JsonObject): void {
  defaultFileMode(source);
  defaultDownwardAPIItems(source);
}

function defaultDownwardAPIItems(source: JsonObject): void {
  for (const item of items(source, 'items')) withChild(item, 'fieldRef', defaultFieldRef);
}

function defaultProjected(projected: JsonObject): void {
  defaultFileMode(projected);
  for (const source of items(projected, 'sources')) {
    withChild(source, 'downwardAPI', defaultDownwardAPIItems);
    withChild(source, 'serviceAccountToken', (token) => defaultUnset(token, 'expirationSeconds', () => TOKEN_EXPIRATION_SECONDS));
  }
}

/** A persistent volume claim's spec, in a claim or a claim template. */
export function defaultClaimSpec(spec: JsonObject): void {
  defaultUnset(spec, 'volumeMode', () => 'Filesystem');
  withChild(spec, 'resources', (resources) => {
    roundResourceList(resources, 'limits');
    roundResourceList(resources, 'requests');
  });
}
