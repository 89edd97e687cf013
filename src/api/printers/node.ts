// The Node table: STATUS from the Ready condition (plus SchedulingDisabled when cordoned),
// ROLES from the node-role labels, the kubelet's version; wide: addresses and what the
// node runs.

import { AGE, NAME, column, wide } from './columns.js';
import { NONE, UNKNOWN, type ConditionView, type ObjectView } from './cells.js';
import { since } from './duration.js';
import { compareGoStrings } from '../../machinery/go-format.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface NodeView extends ObjectView {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: ConditionView[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(node: NodeView): string {
  // The last Ready condition wins, as upstream indexes conditions by type.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted, without duplicates. */
function nodeRoles(node: NodeView): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort(compareGoStrings).join(',') || NONE;
}

function address(node: NodeView, type: string): string {
  const found = node.status?.addresses?.find((a) => a.type === type);
  return found === undefined ? NONE : (found.address ?? '');
}

export const nodePrinter: TablePrinter = {
  columns: [
    NAME,
    column('Status', 'string', 'Whether the node is ready, and whether it takes new pods.'),
    column('Roles', 'string', 'Roles from the node-role labels.'),
    AGE,
    column('Version', 'string', 'Version of the kubelet.'),
    wide('Internal-IP', 'string', 'The first internal address of the node.'),
    wide('External-IP', 'string', 'The first external address of the node.'),
    wide('OS-Image', 'string', 'Operating system image the node reports.'),
    wide('Kernel-Version', 'string', 'Kernel version the node reports.'),
    wide('Container-Runtime', 'string', 'Container runtime and version the node reports.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const node = obj as NodeView;
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata?.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || UNKNOWN,
      info.kernelVersion || UNKNOWN,
      info.containerRuntimeVersion || UNKNOWN,
    ];
  },
};

export const nodePrinters: PrinterMap = { nodes: nodePrinter };
