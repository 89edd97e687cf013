// Timestamps as Kubernetes writes them. metav1.Time (creationTimestamp, conditions, …) is
// RFC 3339 in UTC with whole seconds: `2026-11-25T17:14:21Z`. metav1.MicroTime (Events'
// eventTime, Leases' renewTime) has exactly six decimals: `2026-11-25T17:14:21.123456Z`.
// Finer digits are truncated, not rounded, as Go's formatting does.

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatSeconds(epochMillis: number): string {
  const d = new Date(Math.floor(epochMillis / 1000) * 1000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}

/** A metav1.Time: RFC 3339, UTC, whole seconds. */
export function formatTime(epochMillis: number): string {
  return `${formatSeconds(epochMillis)}Z`;
}

/** A metav1.MicroTime from microseconds since the epoch: six decimals, UTC. */
export function formatMicroTime(epochMicros: number): string {
  const micros = Math.floor(epochMicros);
  const fraction = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return `${formatSeconds((micros - fraction) / 1000)}.${pad(fraction, 6)}Z`;
}

/** Thrown when a string is not a timestamp of the required form. */
export class TimeParseError extends Error {
  constructor(readonly input: string, expected: string) {
    super(`parsing time ${JSON.stringify(input)} as ${JSON.stringify(expected)}: not a valid time`);
    this.name = 'TimeParseError';
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses RFC 3339 into [whole seconds since the epoch, fraction digits]; undefined if invalid. */
function parseRFC3339(s: string): [number, string] | undefined {
  const m = RFC3339.exec(s);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const [h, mm] = zone.slice(1).split(':').map(Number) as [number, number];
    if (h > 23 || mm > 59) return undefined;
    offsetSeconds = (zone.startsWith('-') ? -1 : 1) * (h * 3600 + mm * 60);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  return [utc.getTime() / 1000 - offsetSeconds, m[7] ?? ''];
}

/** A metav1.Time string (any offset, optional fraction) as milliseconds since the epoch. */
export function parseTime(s: string): number {
  const parsed = parseRFC3339(s);
  if (parsed === undefined) throw new TimeParseError(s, '2006-01-02T15:04:05Z07:00');
  const [seconds, fraction] = parsed;
  return seconds * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
}

/** A metav1.MicroTime string (exactly six decimals) as microseconds since the epoch. */
export function parseMicroTime(s: string): number {
  const parsed = parseRFC3339(s);
  if (parsed === undefined || parsed[1].length !== 6) throw new TimeParseError(s, '2006-01-02T15:04:05.000000Z07:00');
  return parsed[0] * 1_000_000 + Number(parsed[1]);
}
