import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allResources } from '../catalogue.js';
import type { ApiObject } from '../strategy.js';
import { NOW } from './fixtures.testing.js';
import { TablePrintError } from './print-error.js';
import { defaultPrinter, hasOwnPrinter, printerFor, type PrintableObject } from './table.js';

/** The listable resources upstream prints with its default convertor (Name, Created At). */
const DEFAULT_TABLE = new Set([
  '/limitranges',
  'apiextensions.k8s.io/customresourcedefinitions',
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
]);

/** Resources whose rows upstream prints with more cells than columns. */
const EXTRA_CELLS: ReadonlyMap<string, number> = new Map([['networking.k8s.io/ipaddresses', 1]]);

const listable = allResources().filter((r) => r.verbs.includes('list'));
const key = (r: { group: string; resource: string }): string => `${r.group}/${r.resource}`;

test('every served listable resource has its own printer, or upstream\'s default table', () => {
  assert.ok(listable.length > 50);
  for (const r of listable) {
    assert.equal(hasOwnPrinter(r.group, r.resource), !DEFAULT_TABLE.has(key(r)), key(r));
    if (DEFAULT_TABLE.has(key(r))) assert.equal(printerFor(r.group, r.resource), defaultPrinter);
  }
  // Every printer belongs to a served resource: no typo leaves one unreachable.
  for (const r of allResources().filter((x) => !x.verbs.includes('list'))) assert.equal(printerFor(r.group, r.resource), defaultPrinter, key(r));
});

test('column definitions are well formed: a name column, known types, priorities 0 or 1', () => {
  for (const r of listable) {
    const { columns } = printerFor(r.group, r.resource);
    const names = columns.filter((c) => c.format === 'name').map((c) => c.name);
    assert.ok(names.includes('Name'), `${key(r)} has a Name column of format name`);
    for (const c of columns) {
      assert.deepEqual(Object.keys(c).sort(), ['description', 'format', 'name', 'priority', 'type'], key(r));
      assert.ok(['string', 'integer', 'boolean', 'date'].includes(c.type), `${key(r)} ${c.name}: ${c.type}`);
      assert.ok(c.priority === 0 || c.priority === 1, `${key(r)} ${c.name}`);
      assert.ok(c.description.length > 0, `${key(r)} ${c.name} has a description`);
    }
    assert.equal(new Set(columns.map((c) => c.name)).size, columns.length, `${key(r)} column names are unique`);
  }
});

test('the API server\'s objects are printable', () => {
  const stored: ApiObject = { metadata: { name: 'x' }, spec: {} };
  const printable: PrintableObject = stored;
  assert.deepEqual(printerFor('', 'configmaps').row(printable, NOW).slice(0, 2), ['x', 0]);
});

test('the default table: the name and the creation timestamp as stored', () => {
  assert.deepEqual(defaultPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]), [['Name', 'string', 'name', 0], ['Created At', 'date', '', 0]]);
  const crd = printerFor('apiextensions.k8s.io', 'customresourcedefinitions');
  assert.deepEqual(crd.row({ metadata: { name: 'widgets.example.com', creationTimestamp: '2026-01-02T03:04:05Z' } }, NOW), ['widgets.example.com', '2026-01-02T03:04:05Z']);
  assert.deepEqual(crd.row({ metadata: {} }, NOW), ['', '0001-01-01T00:00:00Z']);
  assert.equal(printerFor('example.com', 'widgets'), defaultPrinter);
});

/** The testdata object of a resource: every field set, with random values. */
function testdataOf(r: { group: string; version: string; kind: string }): PrintableObject | undefined {
  const file = join(import.meta.dirname, '../../../../shared/k8s/testdata', `${r.group || 'core'}.${r.version}.${r.kind}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PrintableObject) : undefined;
}

test('fully populated objects of every kind print one plain cell per column', () => {
  let printed = 0;
  for (const r of listable) {
    const obj = testdataOf(r);
    if (obj === undefined) continue;
    const printer = printerFor(r.group, r.resource);
    let row: unknown[];
    try {
      row = printer.row(obj, NOW);
    } catch (err) {
      // Random apiVersions in owner references are malformed; upstream fails those too.
      assert.ok(err instanceof TablePrintError && r.resource === 'controllerrevisions', `${key(r)}: ${String(err)}`);
      continue;
    }
    assert.equal(row.length, printer.columns.length + (EXTRA_CELLS.get(key(r)) ?? 0), key(r));
    for (const cell of row) assert.ok(['string', 'number', 'boolean'].includes(typeof cell), `${key(r)}: ${String(cell)}`);
    printed++;
  }
  assert.ok(printed > 50, `printed ${printed} testdata objects`);
});

test('an empty object prints without failing', () => {
  for (const r of listable) {
    const printer = printerFor(r.group, r.resource);
    const row = printer.row({ metadata: { name: 'x' } }, NOW);
    assert.equal(row.length, printer.columns.length + (EXTRA_CELLS.get(key(r)) ?? 0), key(r));
    assert.equal(row[printer.columns.findIndex((c) => c.name === 'Name' && c.format === 'name')], 'x', key(r));
  }
});
