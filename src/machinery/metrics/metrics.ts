// Counters, gauges and histograms with labels, and a registry that writes them in the
// Prometheus text format (text.ts). Built for hot paths: a caller resolves a labelled child
// once (`vec.with('scheduled', 'default-scheduler')`) and keeps it; recording is then a few
// number operations, never an allocation. Families with labels show only the children
// that exist, as client_golang does; families without labels always show their one value.

import { familyHeader, sampleLine, type LabelPairs, type MetricType } from './text.js';

/** What every metric family tells the registry. */
export interface Collectable {
  readonly name: string;
  /** The family's exposition: header and samples; '' when it has nothing to show. */
  expose(): string;
}

interface Options {
  readonly name: string;
  readonly help: string;
  readonly labels?: readonly string[];
}

/** Thrown when a child is asked for with the wrong number of label values. */
export class LabelCountError extends Error {
  constructor(metric: string, want: number, got: number) {
    super(`${metric}: want ${want} label values, got ${got}`);
    this.name = 'LabelCountError';
  }
}

abstract class Family<Child> implements Collectable {
  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly string[];
  private readonly children = new Map<string, { labels: LabelPairs; child: Child }>();

  constructor(
    options: Options,
    private readonly type: MetricType,
  ) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labels ?? [];
  }

  protected abstract create(): Child;
  protected abstract samples(child: Child, labels: LabelPairs): string;

  /** The child for these label values (in the family's label order), created on first use. */
  with(...values: string[]): Child {
    if (values.length !== this.labelNames.length) throw new LabelCountError(this.name, this.labelNames.length, values.length);
    const key = values.join('\u0000');
    let entry = this.children.get(key);
    if (entry === undefined) {
      entry = { labels: this.labelNames.map((n, i) => [n, values[i]!] as const), child: this.create() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  /** Drops every child (a gauge family recomputed at each scrape). */
  reset(): void {
    this.children.clear();
  }

  expose(): string {
    // A family without labels always has its one value, 0 until recorded.
    if (this.labelNames.length === 0) this.with();
    if (this.children.size === 0) return '';
    let out = familyHeader(this.name, this.type, this.help);
    for (const { labels, child } of this.children.values()) out += this.samples(child, labels);
    return out;
  }
}

export class CounterChild {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

export class Counter extends Family<CounterChild> {
  constructor(options: Options) {
    super(options, 'counter');
  }
  protected create(): CounterChild {
    return new CounterChild();
  }
  protected samples(child: CounterChild, labels: LabelPairs): string {
    return sampleLine(this.name, labels, child.value);
  }
}

export class GaugeChild {
  value = 0;
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
}

export class Gauge extends Family<GaugeChild> {
  constructor(options: Options) {
    super(options, 'gauge');
  }
  protected create(): GaugeChild {
    return new GaugeChild();
  }
  protected samples(child: GaugeChild, labels: LabelPairs): string {
    return sampleLine(this.name, labels, child.value);
  }
}

export class HistogramChild {
  /** Observations per bucket, not cumulative; the last is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

export class Histogram extends Family<HistogramChild> {
  /** Upper bounds, increasing (+Inf is implied). */
  readonly buckets: readonly number[];

  constructor(options: Options & { readonly buckets: readonly number[] }) {
    super(options, 'histogram');
    this.buckets = options.buckets;
  }

  protected create(): HistogramChild {
    return new HistogramChild(this.buckets);
  }

  protected samples(child: HistogramChild, labels: LabelPairs): string {
    let out = '';
    let cumulative = 0;
    const bounds = [...this.buckets, Infinity];
    for (let i = 0; i < bounds.length; i++) {
      cumulative += child.counts[i]!;
      out += sampleLine(`${this.name}_bucket`, [...labels, ['le', boundText(bounds[i]!)]], cumulative);
    }
    return out + sampleLine(`${this.name}_sum`, labels, child.sum) + sampleLine(`${this.name}_count`, labels, child.count);
  }
}

function boundText(bound: number): string {
  return sampleLine('', [], bound).slice(1, -1);
}

/** `count` bounds from `start`, each `factor` times the one before (client_golang's ExponentialBuckets). */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0, b = start; i < count; i++, b *= factor) out.push(b);
  return out;
}

/** Families to expose together; `beforeScrape` hooks refresh gauges computed on demand. */
export class Registry {
  private readonly families: Collectable[] = [];
  private readonly hooks: (() => void)[] = [];

  register<T extends Collectable>(family: T): T {
    this.families.push(family);
    return family;
  }

  beforeScrape(hook: () => void): void {
    this.hooks.push(hook);
  }

  /** Every family in the text format, sorted by name as client_golang sorts them. */
  expose(): string {
    for (const hook of this.hooks) hook();
    return [...this.families]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => f.expose())
      .join('');
  }
}
