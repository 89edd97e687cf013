// CronJob `spec.timeZone` (and `TZ=` in schedules): an IANA time zone name, as upstream
// checks it with Go's time.LoadLocation. kubets asks the IANA database built into Node
// (Intl) instead. Go finds zones by exact (case-sensitive) file name, Intl by
// case-insensitive ID, so the spelling is checked here as well.

import { invalid, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';

/** Upstream's allowed characters of one name component (IANA's rules, plus digits and '+' for legacy names). */
const COMPONENT = /^[A-Za-z.\-_0-9+]{1,14}$/;

let canonicalZones: ReadonlySet<string> | undefined;

function canonical(): ReadonlySet<string> {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonicalZones;
}

/** The zone Intl resolves a name to, or undefined when it knows no such zone. */
function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether Go's time.LoadLocation would find the zone: `UTC`, `Local`, or a zone of the IANA database spelled as IANA does. */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  const resolved = resolve(name);
  if (resolved === undefined) return false;
  if (resolved === name || canonical().has(name)) return true;
  // An alias (US/Eastern → America/New_York): IANA capitalizes every component.
  return resolved.toLowerCase() !== name.toLowerCase() && name.split('/').every((part) => /^[A-Z]/.test(part));
}

/** Upstream's validateTimeZone: unset, or a real zone named explicitly. */
export function validateTimeZone(timeZone: string | undefined, path: FieldPath): FieldErrorList {
  if (timeZone === undefined) return [];
  if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  const malformed = timeZone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !COMPONENT.test(part));
  if (malformed) return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  const errs: FieldErrorList = [];
  if (timeZone.toLowerCase() === 'local') {
    errs.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(timeZone)) errs.push(invalid(path, timeZone, `unknown time zone ${timeZone}`));
  return errs;
}
