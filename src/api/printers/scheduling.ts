// PriorityClasses: the priority value, whether it is the cluster default, the
// preemption policy.

import { AGE, NAME, column } from './columns.js';
import { ageOf, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface PriorityClassView extends ObjectView {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

const priorityClassPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Value', 'integer', 'The priority pods of the class get.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
    AGE,
    // Upstream gives this column priority 0 although it is printed only in wide tables.
    column('PreemptionPolicy', 'string', 'Whether pods of the class may preempt others.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pc = obj as PriorityClassView;
    return [nameOf(pc), pc.value ?? 0, pc.globalDefault ?? false, ageOf(pc, now), pc.preemptionPolicy ?? ''];
  },
};

export const schedulingPrinters: PrinterMap = { priorityclasses: priorityClassPrinter };
