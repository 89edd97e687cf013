// PodDisruptionBudgets: the bound the budget sets (minAvailable or maxUnavailable, the
// other N/A) and how many pods may be disrupted now.

import { AGE, NAME, column } from './columns.js';
import { ageOf, intOrString, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface PodDisruptionBudgetView extends ObjectView {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { disruptionsAllowed?: number };
}

const bound = (value: number | string | undefined): string => (value == null ? 'N/A' : intOrString(value));

const podDisruptionBudgetPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Min Available', 'string', 'Pods that must stay available, a number or a percentage.'),
    column('Max Unavailable', 'string', 'Pods that may be unavailable, a number or a percentage.'),
    column('Allowed Disruptions', 'integer', 'Pods that may be disrupted now.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pdb = obj as PodDisruptionBudgetView;
    return [
      nameOf(pdb),
      bound(pdb.spec?.minAvailable),
      bound(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0,
      ageOf(pdb, now),
    ];
  },
};

export const policyPrinters: PrinterMap = { poddisruptionbudgets: podDisruptionBudgetPrinter };
