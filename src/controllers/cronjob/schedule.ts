// Cron schedules as upstream's CronJob accepts them (robfig/cron's standard parser): five
// fields (minute hour day-of-month month day-of-week) with `*`, `?`, lists, ranges, steps
// and month/day names, or a macro (@yearly, @monthly, @weekly, @daily, @hourly), evaluated
// in a time zone (IANA name; default UTC, as kube-controller-manager runs).

/** Thrown when a schedule is not valid cron syntax. */
export class ScheduleParseError extends Error {
  constructor(readonly schedule: string, detail: string) {
    super(`unparseable schedule "${schedule}": ${detail}`);
    this.name = 'ScheduleParseError';
  }
}

/** Thrown when timeZone names no zone this runtime knows. */
export class UnknownTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`unknown time zone ${timeZone}`);
    this.name = 'UnknownTimeZoneError';
  }
}

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  readonly values: ReadonlySet<number>;
  /** Written as `*` or `?`: matters for the day-of-month / day-of-week rule. */
  readonly star: boolean;
}

interface LocalTime {
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

/** Looking further ahead than this finds nothing (e.g. "0 0 30 2 *"). */
const MAX_LOOKAHEAD_MS = 5 * 366 * 24 * 3600_000;

export class Schedule {
  private readonly minute: Field;
  private readonly hour: Field;
  private readonly dom: Field;
  private readonly month: Field;
  private readonly dow: Field;
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly text: string, readonly timeZone = 'UTC') {
    const expanded = MACROS[text.trim().toLowerCase()] ?? text.trim();
    const fields = expanded.split(/\s+/);
    if (fields.length !== 5) throw new ScheduleParseError(text, `expected exactly 5 fields, found ${fields.length}`);
    const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
    this.minute = parseField(text, minute, 0, 59, []);
    this.hour = parseField(text, hour, 0, 23, []);
    this.dom = parseField(text, dom, 1, 31, []);
    this.month = parseField(text, month, 1, 12, MONTHS, 1);
    const weekdays = parseField(text, dow, 0, 7, DAYS);
    // 7 is Sunday too.
    this.dow = { star: weekdays.star, values: new Set([...weekdays.values].map((d) => d % 7)) };
    try {
      this.format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric' });
    } catch {
      throw new UnknownTimeZoneError(timeZone);
    }
  }

  /** The first scheduled minute strictly after `after` (ms since the epoch), or undefined if none within five years. */
  next(after: number): number | undefined {
    let t = Math.floor(after / 60_000) * 60_000 + 60_000;
    const limit = after + MAX_LOOKAHEAD_MS;
    while (t <= limit) {
      const local = this.local(t);
      if (!this.month.values.has(local.month) || !this.dayMatches(local)) t += (24 * 60 - local.hour * 60 - local.minute) * 60_000;
      else if (!this.hour.values.has(local.hour)) t += (60 - local.minute) * 60_000;
      else if (!this.minute.values.has(local.minute)) t += 60_000;
      else return t;
    }
    return undefined;
  }

  /** robfig/cron: when either day field is `*`, both must match; otherwise either may. */
  private dayMatches(local: LocalTime): boolean {
    const dom = this.dom.values.has(local.day);
    const dow = this.dow.values.has(local.weekday);
    return this.dom.star || this.dow.star ? dom && dow : dom || dow;
  }

  private local(t: number): LocalTime {
    const parts: Record<string, string> = {};
    for (const part of this.format.formatToParts(t)) parts[part.type] = part.value;
    return {
      month: Number(parts.month),
      day: Number(parts.day),
      weekday: DAYS.indexOf((parts.weekday ?? '').toLowerCase()),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
    };
  }
}

function parseField(schedule: string, text: string, min: number, max: number, names: readonly string[], nameBase = 0): Field {
  const values = new Set<number>();
  const star = text === '*' || text === '?';
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new ScheduleParseError(schedule, `bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else {
      const [a = '', b] = range.split('-');
      from = value(schedule, a, names, nameBase);
      to = b === undefined ? (stepText === undefined ? from : max) : value(schedule, b, names, nameBase);
    }
    if (from < min || to > max || from > to) throw new ScheduleParseError(schedule, `"${part}" is outside ${min}-${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, star };
}

function value(schedule: string, text: string, names: readonly string[], nameBase: number): number {
  const named = names.indexOf(text.toLowerCase());
  if (named >= 0) return named + nameBase;
  if (!/^\d+$/.test(text)) throw new ScheduleParseError(schedule, `"${text}" is not a number`);
  return Number(text);
}

/** RFC 3339 in the zone (`Z` for UTC), as upstream writes the scheduled-timestamp annotation. */
export function formatInZone(t: number, timeZone: string): string {
  const whole = new Date(Math.floor(t / 1000) * 1000);
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return whole.toISOString().replace('.000Z', 'Z');
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(whole)) p[part.type] = part.value;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offset = Math.round((asUtc - whole.getTime()) / 60_000);
  if (offset === 0) return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}
