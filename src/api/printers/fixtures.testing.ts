// Shared by the printers' tests: a fixed "now", timestamps relative to it, and rows
// as kubectl shows them (all cells, or only the priority-0 ones).

import { formatTime } from '../../machinery/time.js';
import { printerFor, type PrintableObject } from './table.js';

export const NOW = new Date('2026-03-01T12:00:00Z');

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** The RFC 3339 time a duration like `90s`, `5m`, `3h` or `2d` before NOW. */
export function ago(duration: string): string {
  const m = /^(\d+)([smhd])$/.exec(duration);
  if (m === null) throw new Error(`bad duration ${duration}`);
  return formatTime(NOW.getTime() - Number(m[1]) * UNITS[m[2]!]! * 1000);
}

/** Every cell of the object's row (the server always prints wide rows). */
export function cells(group: string, resource: string, obj: PrintableObject): unknown[] {
  return printerFor(group, resource).row(obj, NOW);
}

/** The cells `kubectl get` shows without `-o wide`: those of priority-0 columns. */
export function narrow(group: string, resource: string, obj: PrintableObject): unknown[] {
  const printer = printerFor(group, resource);
  return printer.row(obj, NOW).filter((_, i) => printer.columns[i]?.priority === 0);
}

/** The column names, all of them or only those shown without `-o wide`. */
export function headers(group: string, resource: string, wide = true): string[] {
  return printerFor(group, resource)
    .columns.filter((c) => wide || c.priority === 0)
    .map((c) => c.name);
}
