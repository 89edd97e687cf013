// The apps group: Deployments (READY as ready/desired, UP-TO-DATE, AVAILABLE),
// ReplicaSets (DESIRED, CURRENT, READY), StatefulSets (READY), DaemonSets (the scheduled
// counts and the node selector), ControllerRevisions (the owning controller and the
// revision). Workloads' wide columns list containers, images and the selector.

import { AGE, CONTAINERS, IMAGES, NAME, SELECTOR, column } from './columns.js';
import {
  NONE, ageOf, containerCells, formatLabelSelector, formatLabels, groupKindName, groupOf, nameOf,
  selectorString, type ObjectView, type PodTemplateSpecView,
} from './cells.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import { TablePrintError } from './print-error.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface WorkloadView extends ObjectView {
  spec?: { replicas?: number; selector?: LabelSelectorObject; template?: PodTemplateSpecView };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

const deploymentPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Ready', 'string', 'Ready pods of the pods wanted.'),
    column('Up-to-date', 'string', 'Pods that run the latest template.'),
    column('Available', 'string', 'Pods available to serve.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const d = obj as WorkloadView;
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      nameOf(d),
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ageOf(d, now),
      names,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};

const replicaSetPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Desired', 'integer', 'Number of pods wanted.'),
    column('Current', 'integer', 'Number of pods that exist.'),
    column('Ready', 'integer', 'Number of ready pods.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const rs = obj as WorkloadView;
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      nameOf(rs),
      rs.spec?.replicas ?? 0,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      ageOf(rs, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

const statefulSetPrinter: TablePrinter = {
  columns: [NAME, column('Ready', 'string', 'Ready pods of the pods wanted.'), AGE, CONTAINERS, IMAGES],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ss = obj as WorkloadView;
    const [names, images] = containerCells(ss.spec?.template?.spec?.containers);
    return [nameOf(ss), `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`, ageOf(ss, now), names, images];
  },
};

const daemonSetPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Desired', 'integer', 'Nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Nodes that run at least one daemon pod.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes that run the latest template.'),
    column('Available', 'integer', 'Nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'Labels a node needs to run the daemon pod.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ds = obj as WorkloadView;
    const status = ds.status ?? {};
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      nameOf(ds),
      status.desiredNumberScheduled ?? 0,
      status.currentNumberScheduled ?? 0,
      status.numberReady ?? 0,
      status.updatedNumberScheduled ?? 0,
      status.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ageOf(ds, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

/** The managing controller as `kind.group/name`; upstream fails the request on a malformed apiVersion. */
function controllerOf(obj: ObjectView): string {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (ref === undefined) return NONE;
  const apiVersion = ref.apiVersion ?? '';
  const group = groupOf(apiVersion);
  if (group === undefined) throw new TablePrintError(`unexpected GroupVersion string: ${apiVersion}`);
  return groupKindName(group, ref.kind ?? '', ref.name ?? '');
}

const controllerRevisionPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Controller', 'string', 'The controller that owns the revision.'),
    column('Revision', 'string', 'Revision number.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const cr = obj as ObjectView & { revision?: number };
    return [nameOf(cr), controllerOf(cr), cr.revision ?? 0, ageOf(cr, now)];
  },
};

export const appsPrinters: PrinterMap = {
  deployments: deploymentPrinter,
  replicasets: replicaSetPrinter,
  statefulsets: statefulSetPrinter,
  daemonsets: daemonSetPrinter,
  controllerrevisions: controllerRevisionPrinter,
};
