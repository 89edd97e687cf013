// Leases: who holds the lease ('' when nobody does).

import { AGE, NAME, column } from './columns.js';
import { ageOf, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

const leasePrinter: TablePrinter = {
  columns: [NAME, column('Holder', 'string', 'Identity of the current holder.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const lease = obj as ObjectView & { spec?: { holderIdentity?: string } };
    return [nameOf(lease), lease.spec?.holderIdentity ?? '', ageOf(lease, now)];
  },
};

export const coordinationPrinters: PrinterMap = { leases: leasePrinter };
