// The built-in provisioner: the PersistentVolume a claim of a `kubets.io/simulated` class
// gets. Nothing is allocated; the volume is an API object with a hostPath under
// /tmp/kubets-pv, pre-bound to the claim so that no other claim can take it.

import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './types.js';
import { ANN_PROVISIONED_BY } from './types.js';

/** The volume for `claim` (named `pvc-<claim uid>`, capacity = request). */
export function provisionedVolume(claim: PersistentVolumeClaim, sc: StorageClass): PersistentVolume {
  const name = `pvc-${claim.metadata?.uid ?? ''}`;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_PROVISIONED_BY]: sc.provisioner } },
    spec: {
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
      accessModes: [...(claim.spec?.accessModes ?? [])],
      storageClassName: sc.metadata?.name ?? '',
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      hostPath: { path: `/tmp/kubets-pv/${name}` },
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata?.namespace, name: claim.metadata?.name, uid: claim.metadata?.uid, resourceVersion: claim.metadata?.resourceVersion },
    },
  };
}
