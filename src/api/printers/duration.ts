// Ages and durations as upstream prints them (apimachinery's duration.HumanDuration):
// two or three significant figures, coarser as the duration grows, and a tolerance of
// up to two seconds of clock skew for times slightly in the future.

import { parseTime } from '../../machinery/time.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `5s`, `2m3s`, `10m`, `3h5m`, `20h`, `2d3h`, `30d`, `2y45d`, `9y`; `<invalid>` below -1s. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 8 * 24) return withRemainder(days, 'd', hours % 24, 'h');
  if (hours < 2 * 365 * 24) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 8 * 365 * 24) return withRemainder(years, 'y', days % 365, 'd');
  return `${years}y`;
}

function withRemainder(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

/** Go's zero time, which a missing or null timestamp decodes to. */
const ZERO_TIME = new Date(0).setUTCFullYear(1, 0, 1);

/** A metav1.Time or MicroTime in milliseconds; undefined for a missing, zero or unreadable one. */
export function timeOf(timestamp: unknown): number | undefined {
  if (typeof timestamp !== 'string' || timestamp === '') return undefined;
  try {
    const ms = parseTime(timestamp);
    return ms === ZERO_TIME ? undefined : ms;
  } catch {
    return undefined;
  }
}

/** The age of a timestamp at `now`; `<unknown>` for a missing (zero) one. */
export function since(timestamp: unknown, now: Date): string {
  const ms = timeOf(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
