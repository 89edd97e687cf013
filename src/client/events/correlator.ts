// Upstream's EventCorrelator: every event goes through aggregation (similar events
// combined), then counting (identical events become a patch of the stored one), then the
// spam filter (per source+object token bucket). The result says what to write, if
// anything.

import type { Clock } from '../clock.js';
import type { Event } from '../types/core.js';
import { EventAggregator, type AggregatorOptions } from './aggregator.js';
import { EventLogger, type EventPatch } from './event-logger.js';
import { SpamFilter, type SpamFilterOptions } from './spam-filter.js';

export interface CorrelatorOptions {
  readonly aggregator?: AggregatorOptions;
  readonly spamFilter?: SpamFilterOptions;
  readonly cacheSize?: number;
}

/** What to do with an event: skip it, create it, or patch the stored one. */
export type CorrelateResult = { readonly skip: true } | { readonly skip: false; readonly event: Event; readonly patch?: EventPatch };

export class EventCorrelator {
  private readonly aggregator: EventAggregator;
  private readonly logger: EventLogger;
  private readonly spamFilter: SpamFilter;

  constructor(clock: Clock, options: CorrelatorOptions = {}) {
    const cacheSize = options.cacheSize ?? 4096;
    this.aggregator = new EventAggregator(clock, { cacheSize, ...options.aggregator });
    this.logger = new EventLogger(cacheSize);
    this.spamFilter = new SpamFilter(clock, { cacheSize, ...options.spamFilter });
  }

  correlate(newEvent: Event): CorrelateResult {
    const aggregated = this.aggregator.aggregate(newEvent);
    const observed = this.logger.observe(aggregated.event, aggregated.key);
    if (this.spamFilter.skip(observed.event)) return { skip: true };
    return { skip: false, ...observed };
  }

  /** Feeds back the Event the server stored (its name and resourceVersion). */
  updateState(stored: Event): void {
    this.logger.updateState(stored);
  }
}
