// Defaults of the storage.k8s.io group. CSINode, CSIStorageCapacity and
// VolumeAttributesClass have none.

import { child, defaultUnset, ensureChild, isEmpty, withChild, type JsonObject } from './json.js';
import { roundResourceList } from './resource-list.js';
import { defaultPersistentVolumeSources } from './volumes.js';

export function defaultStorageClass(storageClass: JsonObject): void {
  defaultUnset(storageClass, 'reclaimPolicy', () => 'Delete');
  defaultUnset(storageClass, 'volumeBindingMode', () => 'Immediate');
}

export function defaultCSIDriver(driver: JsonObject): void {
  const spec = ensureChild(driver, 'spec');
  defaultUnset(spec, 'attachRequired', () => true);
  defaultUnset(spec, 'podInfoOnMount', () => false);
  defaultUnset(spec, 'storageCapacity', () => false);
  defaultUnset(spec, 'fsGroupPolicy', () => 'ReadWriteOnceWithFSType');
  if (isEmpty(spec.volumeLifecycleModes)) spec.volumeLifecycleModes = ['Persistent'];
  defaultUnset(spec, 'requiresRepublish', () => false);
  defaultUnset(spec, 'seLinuxMount', () => false);
}

/** An attachment of an inline (CSI-migrated) volume carries a persistent volume spec. */
export function defaultVolumeAttachment(attachment: JsonObject): void {
  withChild(child(child(attachment, 'spec') ?? {}, 'source'), 'inlineVolumeSpec', (spec) => {
    roundResourceList(spec, 'capacity');
    defaultPersistentVolumeSources(spec);
  });
}
