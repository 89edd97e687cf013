// storage.k8s.io: StorageClasses and VolumeAttributesClasses (" (default)" after the
// default class's name), VolumeAttachments, CSINodes, CSIDrivers (their capabilities,
// unset ones at their defaults) and CSIStorageCapacities.

import { AGE, NAME, column } from './columns.js';
import { NONE, UNSET, ageOf, nameOf, quantity, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];
const DEFAULT_ATTRIBUTES_CLASS_ANNOTATION = 'volumeattributesclass.alpha.kubernetes.io/is-default-class';

function nameMarkedDefault(obj: ObjectView, annotations: readonly string[]): string {
  const isDefault = annotations.some((a) => obj.metadata?.annotations?.[a] === 'true');
  return isDefault ? `${nameOf(obj)} (default)` : nameOf(obj);
}

interface StorageClassView extends ObjectView {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

const storageClassPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Provisioner', 'string', 'The driver that provisions volumes of the class.'),
    column('ReclaimPolicy', 'string', 'What happens to a volume when its claim goes.'),
    column('VolumeBindingMode', 'string', 'When claims are bound and volumes provisioned.'),
    column('AllowVolumeExpansion', 'string', 'Whether volumes of the class can grow.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const sc = obj as StorageClassView;
    return [
      nameMarkedDefault(sc, DEFAULT_CLASS_ANNOTATIONS),
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      ageOf(sc, now),
    ];
  },
};

const volumeAttributesClassPrinter: TablePrinter = {
  columns: [NAME, column('DriverName', 'string', 'The driver that applies the attributes.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const vac = obj as ObjectView & { driverName?: string };
    return [nameMarkedDefault(vac, [DEFAULT_ATTRIBUTES_CLASS_ANNOTATION]), vac.driverName ?? '', ageOf(vac, now)];
  },
};

interface VolumeAttachmentView extends ObjectView {
  spec?: { attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string } };
  status?: { attached?: boolean };
}

const volumeAttachmentPrinter: TablePrinter = {
  columns: [
    NAME,
    // Upstream marks this column, too, as holding a name.
    column('Attacher', 'string', 'The driver that attaches the volume.', { format: 'name' }),
    column('PV', 'string', 'The persistent volume attached.'),
    column('Node', 'string', 'The node the volume is attached to.'),
    column('Attached', 'boolean', 'Whether the attachment succeeded.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const va = obj as VolumeAttachmentView;
    return [
      nameOf(va),
      va.spec?.attacher ?? '',
      va.spec?.source?.persistentVolumeName ?? '',
      va.spec?.nodeName ?? '',
      va.status?.attached ?? false,
      ageOf(va, now),
    ];
  },
};

const csiNodePrinter: TablePrinter = {
  columns: [NAME, column('Drivers', 'integer', 'Number of CSI drivers on the node.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const node = obj as ObjectView & { spec?: { drivers?: unknown[] } };
    return [nameOf(node), node.spec?.drivers?.length ?? 0, ageOf(node, now)];
  },
};

interface CSIDriverView extends ObjectView {
  spec?: {
    attachRequired?: boolean;
    podInfoOnMount?: boolean;
    storageCapacity?: boolean;
    tokenRequests?: { audience?: string }[] | null;
    requiresRepublish?: boolean;
    volumeLifecycleModes?: string[];
  };
}

const csiDriverPrinter: TablePrinter = {
  columns: [
    NAME,
    column('AttachRequired', 'boolean', 'Whether volumes need attaching before mount.'),
    column('PodInfoOnMount', 'boolean', 'Whether the driver gets pod information at mount.'),
    column('StorageCapacity', 'boolean', 'Whether the scheduler considers reported capacity.'),
    column('TokenRequests', 'string', 'Audiences of the service account tokens the driver gets.'),
    column('RequiresRepublish', 'boolean', 'Whether mounted volumes are republished periodically.'),
    column('Modes', 'string', 'Volume lifecycle modes the driver supports.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const driver = obj as CSIDriverView;
    const spec = driver.spec ?? {};
    const tokens = spec.tokenRequests == null ? UNSET : spec.tokenRequests.map((t) => t.audience ?? '').join(',');
    return [
      nameOf(driver),
      spec.attachRequired ?? true,
      spec.podInfoOnMount ?? false,
      spec.storageCapacity ?? false,
      tokens,
      spec.requiresRepublish ?? false,
      (spec.volumeLifecycleModes ?? []).join(',') || NONE,
      ageOf(driver, now),
    ];
  },
};

const csiStorageCapacityPrinter: TablePrinter = {
  columns: [
    NAME,
    column('StorageClassName', 'string', 'The storage class the capacity is for.'),
    column('Capacity', 'string', 'Capacity available for new volumes.'),
  ],
  row(obj: PrintableObject): unknown[] {
    const cap = obj as ObjectView & { storageClassName?: string; capacity?: unknown };
    return [nameOf(cap), cap.storageClassName ?? '', quantity(cap.capacity, UNSET)];
  },
};

export const storagePrinters: PrinterMap = {
  storageclasses: storageClassPrinter,
  volumeattributesclasses: volumeAttributesClassPrinter,
  volumeattachments: volumeAttachmentPrinter,
  csinodes: csiNodePrinter,
  csidrivers: csiDriverPrinter,
  csistoragecapacities: csiStorageCapacityPrinter,
};
