// Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): the columns and
// cells kube-apiserver prints for each kind, which `kubectl get` shows (priority-0
// columns always, the others with `-o wide`). A printer is looked up by group and
// resource; kinds upstream prints with its generic convertor get `Name` and `Created At`.
// The API server builds the Table object (rows with their `object`) around these.

import { admissionRegistrationPrinters } from './admissionregistration.js';
import { appsPrinters } from './apps.js';
import { autoscalingPrinters, scalePrinter } from './autoscaling.js';
import { batchPrinters } from './batch.js';
import { certificatesPrinters } from './certificates.js';
import { column } from './columns.js';
import { coordinationPrinters } from './coordination.js';
import { corePrinters } from './core.js';
import { discoveryPrinters } from './discovery.js';
import { eventPrinter } from './event.js';
import { flowcontrolPrinters } from './flowcontrol.js';
import { networkingPrinters } from './networking.js';
import { nodePrinters } from './node.js';
import { podPrinter } from './pod.js';
import { policyPrinters } from './policy.js';
import { rbacPrinters } from './rbac.js';
import { runtimeClassPrinters } from './runtime-class.js';
import { schedulingPrinters } from './scheduling.js';
import { servicePrinters } from './service.js';
import { storagePrinters } from './storage.js';
import { volumePrinters } from './volumes.js';

/** One column of a Table, as meta.k8s.io/v1 TableColumnDefinition serializes it (no field omitted). */
export interface TableColumnDefinition {
  /** Human-readable header; kubectl prints it upper-cased. */
  name: string;
  /** OpenAPI type of the cells: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string;
  /** OpenAPI format: `name` for the column holding the object's name, else ''. */
  format: string;
  description: string;
  /** 0: always shown; greater: shown by kubectl only with `-o wide`. */
  priority: number;
}

/** A condition on a row (upstream sets `Completed` on finished pods). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** One row of a Table. The API server fills `object` (PartialObjectMetadata, the full object or none). */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

/**
 * An object as stored: JSON, already defaulted and validated. Printers read it through
 * per-kind views and never modify it.
 */
export interface PrintableObject {
  readonly metadata?: object;
  readonly [field: string]: unknown;
}

/**
 * How one kind prints as a table.
 * Contract: `row` returns exactly one cell per column except where upstream itself
 * differs (IPAddress prints one cell more than its columns, which kubectl ignores); it
 * never throws for an object its kind's schema admits, except where upstream fails the
 * request (TablePrintError). Cells are strings, numbers and booleans, as upstream's.
 */
export interface TablePrinter {
  readonly columns: readonly TableColumnDefinition[];
  /** The cells of the object's row; ages are measured up to `now`. */
  row(obj: PrintableObject, now: Date): unknown[];
  /** Conditions of the object's row, when upstream sets any. */
  conditions?(obj: PrintableObject): TableRowCondition[] | undefined;
  /** Row order of a list, when upstream sorts it (FlowSchemas); else the list's own order. */
  compare?(a: PrintableObject, b: PrintableObject): number;
}

/** The printers of one group, by resource. */
export type PrinterMap = Readonly<Record<string, TablePrinter>>;

export { TablePrintError } from './print-error.js';

/** Upstream's default table convertor: the name and the creation timestamp as written. */
export const defaultPrinter: TablePrinter = {
  columns: [
    column('Name', 'string', 'Name of the object, unique within its namespace.', { format: 'name' }),
    column('Created At', 'date', 'When the object was created (RFC 3339).'),
  ],
  row(obj) {
    const meta = (obj.metadata ?? {}) as { name?: string; creationTimestamp?: string };
    // Upstream formats the zero time, as Go prints it, when the timestamp is missing.
    return [meta.name ?? '', meta.creationTimestamp || '0001-01-01T00:00:00Z'];
  },
};

/** Printers by `group/resource`; the core group is ''. */
const PRINTERS: ReadonlyMap<string, TablePrinter> = new Map(
  Object.entries<PrinterMap>({
    '': { ...corePrinters, ...servicePrinters, ...volumePrinters, ...nodePrinters, pods: podPrinter, events: eventPrinter },
    'admissionregistration.k8s.io': admissionRegistrationPrinters,
    apps: appsPrinters,
    autoscaling: autoscalingPrinters,
    batch: batchPrinters,
    'certificates.k8s.io': certificatesPrinters,
    'coordination.k8s.io': coordinationPrinters,
    'discovery.k8s.io': discoveryPrinters,
    // events.k8s.io serves the same stored events as the core group, printed alike.
    'events.k8s.io': { events: eventPrinter },
    'flowcontrol.apiserver.k8s.io': flowcontrolPrinters,
    'networking.k8s.io': networkingPrinters,
    'node.k8s.io': runtimeClassPrinters,
    policy: policyPrinters,
    'rbac.authorization.k8s.io': rbacPrinters,
    'scheduling.k8s.io': schedulingPrinters,
    'storage.k8s.io': storagePrinters,
  }).flatMap(([group, byResource]) =>
    Object.entries(byResource).map(([resource, printer]) => [`${group}/${resource}`, printer] as const),
  ),
);

/**
 * The printer of a resource (`''`/`pods`, `apps`/`deployments`), or of one of its
 * subresources: `status` prints as the resource, `scale` as upstream's Scale table.
 * Resources upstream has no printer for get the default (Name, Created At).
 */
export function printerFor(group: string, resource: string, subresource = ''): TablePrinter {
  if (subresource === 'scale') return scalePrinter;
  return PRINTERS.get(`${group}/${resource}`) ?? defaultPrinter;
}

/** Whether the resource has a printer of its own (not the default one). */
export function hasOwnPrinter(group: string, resource: string): boolean {
  return PRINTERS.has(`${group}/${resource}`);
}
