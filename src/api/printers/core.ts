// The smaller kinds of the core group: Namespace, ConfigMap, Secret, ServiceAccount,
// PodTemplate, ReplicationController, ComponentStatus, ResourceQuota. (LimitRange has no
// printer upstream; it gets the default table.)

import { AGE, CONTAINERS, IMAGES, NAME, SELECTOR, column } from './columns.js';
import { ageOf, containerCells, formatLabels, nameOf, quantity, type ObjectView, type PodTemplateSpecView } from './cells.js';
import { compareGoStrings } from '../../machinery/go-format.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

const count = (map: object | undefined): number => (map == null ? 0 : Object.keys(map).length);

const namespacePrinter: TablePrinter = {
  columns: [NAME, column('Status', 'string', 'Active, or Terminating while its content is deleted.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ns = obj as ObjectView & { status?: { phase?: string } };
    return [nameOf(ns), ns.status?.phase ?? '', ageOf(ns, now)];
  },
};

const configMapPrinter: TablePrinter = {
  columns: [NAME, column('Data', 'string', 'Number of keys, text and binary.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const cm = obj as ObjectView & { data?: object; binaryData?: object };
    return [nameOf(cm), count(cm.data) + count(cm.binaryData), ageOf(cm, now)];
  },
};

const secretPrinter: TablePrinter = {
  columns: [NAME, column('Type', 'string', 'What the secret holds and how it is checked.'), column('Data', 'string', 'Number of keys.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const secret = obj as ObjectView & { type?: string; data?: object; stringData?: object };
    // stringData merges into data on write; count each key once.
    const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
    return [nameOf(secret), secret.type ?? '', keys.size, ageOf(secret, now)];
  },
};

const serviceAccountPrinter: TablePrinter = {
  columns: [NAME, column('Secrets', 'string', 'Number of secrets listed for the account.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const sa = obj as ObjectView & { secrets?: unknown[] };
    return [nameOf(sa), sa.secrets?.length ?? 0, ageOf(sa, now)];
  },
};

const podTemplatePrinter: TablePrinter = {
  columns: [
    NAME,
    column('Containers', 'string', 'Names of the containers of the template.'),
    column('Images', 'string', 'Images of the containers of the template.'),
    column('Pod Labels', 'string', 'Labels of the pods made from the template.'),
  ],
  row(obj: PrintableObject): unknown[] {
    const template = (obj as ObjectView & { template?: PodTemplateSpecView }).template;
    const [names, images] = containerCells(template?.spec?.containers);
    return [nameOf(obj as ObjectView), names, images, formatLabels(template?.metadata?.labels)];
  },
};

interface ReplicationControllerView extends ObjectView {
  spec?: { replicas?: number; selector?: Record<string, string>; template?: PodTemplateSpecView };
  status?: { replicas?: number; readyReplicas?: number };
}

const replicationControllerPrinter: TablePrinter = {
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
    const rc = obj as ReplicationControllerView;
    const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
    return [
      nameOf(rc),
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      ageOf(rc, now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};

const componentStatusPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Status', 'string', 'Healthy, Unhealthy or Unknown.'),
    column('Message', 'string', 'Message of the health condition.'),
    column('Error', 'string', 'Error of the health condition.'),
  ],
  row(obj: PrintableObject): unknown[] {
    const cs = obj as ObjectView & { conditions?: { type?: string; status?: string; message?: string; error?: string }[] };
    const healthy = cs.conditions?.find((c) => c.type === 'Healthy');
    const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return [nameOf(cs), status, healthy?.message ?? '', healthy?.error ?? ''];
  },
};

interface ResourceQuotaView extends ObjectView {
  status?: { hard?: Record<string, unknown>; used?: Record<string, unknown> };
}

/** `resource: used/hard, …` for requests (and plain resources) and for `limits.*`, sorted by resource. */
function quotaCells(rq: ResourceQuotaView): [string, string] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort(compareGoStrings)) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
    target.push(`${resource}: ${quantity(used[resource])}/${quantity(hard[resource])}`);
  }
  return [requests.join(', '), limits.join(', ')];
}

const resourceQuotaPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Request', 'string', 'Used and hard amounts of the requests and counts the quota limits.'),
    column('Limit', 'string', 'Used and hard amounts of the limits the quota limits.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const rq = obj as ResourceQuotaView;
    const [requests, limits] = quotaCells(rq);
    return [nameOf(rq), requests, limits, ageOf(rq, now)];
  },
};

export const corePrinters: PrinterMap = {
  namespaces: namespacePrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  serviceaccounts: serviceAccountPrinter,
  podtemplates: podTemplatePrinter,
  replicationcontrollers: replicationControllerPrinter,
  componentstatuses: componentStatusPrinter,
  resourcequotas: resourceQuotaPrinter,
};
