// RuntimeClasses (node.k8s.io): the handler that runs the class's pods.

import { AGE, NAME, column } from './columns.js';
import { ageOf, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

const runtimeClassPrinter: TablePrinter = {
  columns: [NAME, column('Handler', 'string', 'The container runtime handler of the class.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const rc = obj as ObjectView & { handler?: string };
    return [nameOf(rc), rc.handler ?? '', ageOf(rc, now)];
  },
};

export const runtimeClassPrinters: PrinterMap = { runtimeclasses: runtimeClassPrinter };
