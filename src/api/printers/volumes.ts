// PersistentVolumes and PersistentVolumeClaims: capacity, access modes as RWO/ROX/RWX/RWOP,
// the phase (Terminating once deletion started), the claim or volume, the classes.

import { AGE, NAME, column, wide } from './columns.js';
import { UNSET, ageOf, nameOf, quantity, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

/** The annotation that named a volume's class before `storageClassName`; it still wins. */
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const ACCESS_MODES: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Access modes abbreviated, in upstream's fixed order, each once. */
function accessModes(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  return ACCESS_MODES.filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

function phaseOf(obj: ObjectView & { status?: { phase?: string } }): string {
  return obj.metadata?.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');
}

function annotatedClass(obj: ObjectView): string | undefined {
  const annotations = obj.metadata?.annotations ?? {};
  return Object.hasOwn(annotations, BETA_CLASS_ANNOTATION) ? annotations[BETA_CLASS_ANNOTATION] : undefined;
}

interface PersistentVolumeView extends ObjectView {
  spec?: {
    capacity?: Record<string, unknown>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string };
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; reason?: string };
}

const persistentVolumePrinter: TablePrinter = {
  columns: [
    NAME,
    column('Capacity', 'string', 'Size of the volume.'),
    column('Access Modes', 'string', 'How the volume can be mounted.'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim goes.'),
    column('Status', 'string', 'Phase of the volume.'),
    column('Claim', 'string', 'The claim bound to the volume, as namespace/name.'),
    column('StorageClass', 'string', 'Storage class of the volume.'),
    column('VolumeAttributesClass', 'string', 'Volume attributes class of the volume.'),
    column('Reason', 'string', 'Why the volume is in its phase.'),
    AGE,
    wide('VolumeMode', 'string', 'Filesystem or Block.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pv = obj as PersistentVolumeView;
    const spec = pv.spec ?? {};
    const claim = spec.claimRef == null ? '' : `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}`;
    return [
      nameOf(pv),
      quantity(spec.capacity?.storage),
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      phaseOf(pv),
      claim,
      annotatedClass(pv) ?? spec.storageClassName ?? '',
      spec.volumeAttributesClassName ?? UNSET,
      pv.status?.reason ?? '',
      ageOf(pv, now),
      spec.volumeMode ?? UNSET,
    ];
  },
};

interface PersistentVolumeClaimView extends ObjectView {
  spec?: { volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string };
  status?: { phase?: string; capacity?: Record<string, unknown>; accessModes?: string[] };
}

const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Status', 'string', 'Phase of the claim.'),
    column('Volume', 'string', 'The volume bound to the claim.'),
    column('Capacity', 'string', 'Size of the bound volume.'),
    column('Access Modes', 'string', 'How the bound volume can be mounted.'),
    column('StorageClass', 'string', 'Storage class the claim asks for.'),
    column('VolumeAttributesClass', 'string', 'Volume attributes class the claim asks for.'),
    AGE,
    wide('VolumeMode', 'string', 'Filesystem or Block.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pvc = obj as PersistentVolumeClaimView;
    const spec = pvc.spec ?? {};
    // Capacity and modes are the bound volume's, shown only once there is one.
    const bound = (spec.volumeName ?? '') !== '';
    return [
      nameOf(pvc),
      phaseOf(pvc),
      spec.volumeName ?? '',
      bound ? quantity(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      annotatedClass(pvc) ?? spec.storageClassName ?? '',
      spec.volumeAttributesClassName ?? UNSET,
      ageOf(pvc, now),
      spec.volumeMode ?? UNSET,
    ];
  },
};

export const volumePrinters: PrinterMap = {
  persistentvolumes: persistentVolumePrinter,
  persistentvolumeclaims: persistentVolumeClaimPrinter,
};
