// The Prometheus text exposition format, version 0.0.4 (what client_golang's expfmt
// writes and every Kubernetes component serves on /metrics): a `# HELP` and a `# TYPE`
// line per family, then one line per sample, `name{label="value",…} value [timestamp]`,
// numbers as Go's strconv 'g' formatting prints them.

import { goFormatFloat } from '../go-format.js';

/** The Content-Type of the text format. */
export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export type LabelPairs = readonly (readonly [name: string, value: string])[];

/** The two header lines of a family. */
export function familyHeader(name: string, type: MetricType, help: string): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
}

/** `{a="x",b="y"}` with values escaped, or '' without labels. */
export function labelText(labels: LabelPairs): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

/** One sample line; `timestampMs` when the value was observed at a known time. */
export function sampleLine(name: string, labels: LabelPairs, value: number, timestampMs?: number): string {
  return `${name}${labelText(labels)} ${goFormatFloat(value)}${timestampMs === undefined ? '' : ` ${timestampMs}`}\n`;
}
