// HorizontalPodAutoscalers (autoscaling/v2 and the v1 shape with its single CPU target):
// REFERENCE, TARGETS as `current/target` per metric (the first two, then "+ N more..."),
// MINPODS, MAXPODS, REPLICAS; and the Scale subresource's table.

import { AGE, NAME, column } from './columns.js';
import { NONE, UNKNOWN, UNSET, ageOf, nameOf, quantity, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface TargetView {
  value?: unknown;
  averageValue?: unknown;
  averageUtilization?: number;
}

/** One metric's spec or status: the source-specific part holds `target` or `current`. */
interface MetricSourceView {
  name?: string;
  target?: TargetView;
  current?: TargetView;
}

interface MetricView {
  type?: string;
  resource?: MetricSourceView;
  containerResource?: MetricSourceView;
  pods?: MetricSourceView;
  object?: MetricSourceView;
  external?: MetricSourceView;
}

interface HorizontalPodAutoscalerView extends ObjectView {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: MetricView[];
    /** autoscaling/v1 */
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    currentReplicas?: number;
    currentMetrics?: MetricView[];
    /** autoscaling/v1 */
    currentCPUUtilizationPercentage?: number;
  };
}

const MAX_METRICS = 2;

/** The metrics of either version: v1's CPU target reads as the v2 resource metric it stands for. */
function metricsOf(hpa: HorizontalPodAutoscalerView): [MetricView[], MetricView[]] {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  if (spec.metrics != null || spec.targetCPUUtilizationPercentage == null) {
    return [spec.metrics ?? [], status.currentMetrics ?? []];
  }
  const cpu = (utilization: number): MetricView => ({
    type: 'Resource',
    resource: { name: 'cpu', target: { averageUtilization: utilization }, current: { averageUtilization: utilization } },
  });
  const current = status.currentCPUUtilizationPercentage;
  return [[cpu(spec.targetCPUUtilizationPercentage)], current == null ? [] : [cpu(current)]];
}

const percent = (n: number | undefined, missing: string): string => (n == null ? missing : `${n}%`);

/** `current/target` of one metric; `current` is `<unknown>` until the status reports it. */
function formatMetric(spec: MetricView, status: MetricView | undefined): string {
  const kind = sourceKey(spec.type);
  if (kind === undefined) return '<unknown type>';
  const target = spec[kind]?.target ?? {};
  const observed = status?.[kind];
  const current = observed?.current ?? {};
  if (kind === 'resource' || kind === 'containerResource') {
    const name = spec[kind]?.name ?? '';
    if (target.averageValue != null) {
      const now = observed == null ? UNKNOWN : quantity(current.averageValue, '<nil>');
      return `${name}: ${now}/${quantity(target.averageValue, '<nil>')}`;
    }
    return `${name}: ${percent(current.averageUtilization, UNKNOWN)}/${percent(target.averageUtilization, '<auto>')}`;
  }
  if (kind === 'pods') {
    const now = observed == null ? UNKNOWN : quantity(current.averageValue, '<nil>');
    return `${now}/${quantity(target.averageValue, '<nil>')}`;
  }
  // Object and External metrics: an average per pod, or a total value.
  if (target.averageValue != null) {
    const now = current.averageValue == null ? UNKNOWN : quantity(current.averageValue);
    return `${now}/${quantity(target.averageValue)} (avg)`;
  }
  const now = observed == null ? UNKNOWN : quantity(current.value, '<nil>');
  return `${now}/${quantity(target.value, '<nil>')}`;
}

function sourceKey(type: string | undefined): 'resource' | 'containerResource' | 'pods' | 'object' | 'external' | undefined {
  switch (type) {
    case 'Resource':
      return 'resource';
    case 'ContainerResource':
      return 'containerResource';
    case 'Pods':
      return 'pods';
    case 'Object':
      return 'object';
    case 'External':
      return 'external';
    default:
      return undefined;
  }
}

function targets(hpa: HorizontalPodAutoscalerView): string {
  const [specs, statuses] = metricsOf(hpa);
  if (specs.length === 0) return NONE;
  // Statuses pair with specs by position, as upstream pairs them.
  const shown = specs.slice(0, MAX_METRICS).map((spec, i) => formatMetric(spec, statuses[i]));
  const text = shown.join(', ');
  return specs.length > MAX_METRICS ? `${text} + ${specs.length - MAX_METRICS} more...` : text;
}

const horizontalPodAutoscalerPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Reference', 'string', 'The scaled object, as Kind/name.'),
    column('Targets', 'string', 'Current and target value of each metric.'),
    column('MinPods', 'string', 'Fewest replicas the autoscaler sets.'),
    column('MaxPods', 'string', 'Most replicas the autoscaler sets.'),
    column('Replicas', 'string', 'Replicas the scaled object has now.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const hpa = obj as HorizontalPodAutoscalerView;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const min = hpa.spec?.minReplicas;
    return [
      nameOf(hpa),
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      targets(hpa),
      min == null ? UNSET : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ageOf(hpa, now),
    ];
  },
};

/** The Scale subresource (`kubectl get --subresource=scale`). Upstream's name column has no `name` format. */
export const scalePrinter: TablePrinter = {
  columns: [
    column('Name', 'string', 'Name of the scaled object.'),
    column('Desired', 'integer', 'Replicas wanted.'),
    column('Available', 'integer', 'Replicas that exist.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const scale = obj as ObjectView & { spec?: { replicas?: number }; status?: { replicas?: number } };
    return [nameOf(scale), scale.spec?.replicas ?? 0, scale.status?.replicas ?? 0, ageOf(scale, now)];
  },
};

export const autoscalingPrinters: PrinterMap = { horizontalpodautoscalers: horizontalPodAutoscalerPrinter };
