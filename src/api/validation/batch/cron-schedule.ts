// CronJob schedules as upstream parses them (robfig/cron v3's ParseStandard, behind
// kube's panic recovery): five fields (minute hour day-of-month month day-of-week) with
// `*`, `?`, ranges, steps, lists and month/day names, or a descriptor (`@hourly`,
// `@every 1h30m`, …), optionally after `TZ=` / `CRON_TZ=`. Only whether a schedule parses,
// and the parser's error text, matter here: the text becomes the validation message.

import { isKnownTimeZone } from './time-zone.js';
import { parseGoDuration } from './go-duration.js';

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The five fields of a standard schedule, in order. */
const FIELD_BOUNDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 6, names: DAY_NAMES },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Signals a parse failure inside the parser; its message is the parser's. */
class CronSyntaxError extends Error {}

/** Go's strconv.Atoi, with Go's error text. */
function atoi(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronSyntaxError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const n = BigInt(expr);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) {
    throw new CronSyntaxError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": value out of range`);
  }
  return Number(n);
}

function mustParseInt(expr: string): number {
  const n = atoi(expr);
  if (n < 0) throw new CronSyntaxError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** One element of a field's list: `*`, `N`, `N-M`, each optionally `/step`. */
function checkRange(expr: string, bounds: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end] = [bounds.min, bounds.max];
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', bounds.names);
    if (lowAndHigh.length > 2) throw new CronSyntaxError(`too many hyphens: ${expr}`);
    end = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1] ?? '', bounds.names) : start;
  }
  let step = 1;
  if (rangeAndStep.length > 2) throw new CronSyntaxError(`too many slashes: ${expr}`);
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? '');
    // "N/step" runs from N to the maximum.
    if (lowAndHigh.length === 1) end = bounds.max;
  }
  if (start < bounds.min) throw new CronSyntaxError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronSyntaxError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronSyntaxError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronSyntaxError(`step of range should be a positive number: ${expr}`);
}

function checkDescriptor(descriptor: string): void {
  if (DESCRIPTORS.has(descriptor)) return;
  const every = '@every ';
  if (!descriptor.startsWith(every)) throw new CronSyntaxError(`unrecognized descriptor: ${descriptor}`);
  try {
    parseGoDuration(descriptor.slice(every.length));
  } catch (e) {
    throw new CronSyntaxError(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
  }
}

/** A leading `TZ=zone ` or `CRON_TZ=zone `; returns the rest of the schedule. */
function stripTimeZone(spec: string): string {
  if (!spec.startsWith('TZ=') && !spec.startsWith('CRON_TZ=')) return spec;
  const space = spec.indexOf(' ');
  // Without a space the parser slices out of bounds and kube's recovery reports the panic.
  if (space < 0) throw new CronSyntaxError('invalid schedule format: runtime error: slice bounds out of range [:-1]');
  const zone = spec.slice(spec.indexOf('=') + 1, space);
  if (!isKnownTimeZone(zone)) throw new CronSyntaxError(`provided bad location ${zone}: unknown time zone ${zone}`);
  return spec.slice(space).trim();
}

/** Go's strings.Fields: split on runs of white space. */
function goFields(s: string): string[] {
  return s.split(/\s+/u).filter((f) => f !== '');
}

function checkSchedule(schedule: string): void {
  if (schedule === '') throw new CronSyntaxError('empty spec string');
  const spec = stripTimeZone(schedule);
  if (spec.startsWith('@')) return checkDescriptor(spec);
  const fields = goFields(spec);
  if (fields.length !== FIELD_BOUNDS.length) {
    throw new CronSyntaxError(`expected exactly ${FIELD_BOUNDS.length} fields, found ${fields.length}: [${fields.join(' ')}]`);
  }
  fields.forEach((field, i) => {
    // Go's FieldsFunc drops empty elements of the list.
    for (const expr of field.split(',').filter((e) => e !== '')) checkRange(expr, FIELD_BOUNDS[i] as Bounds);
  });
}

/** The parser's error for a schedule, or undefined when it parses. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    checkSchedule(schedule);
    return undefined;
  } catch (e) {
    if (e instanceof CronSyntaxError) return e.message;
    throw e;
  }
}
