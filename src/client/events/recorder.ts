// The event recorder (client-go's legacy record.EventRecorder and its broadcaster):
// components call `event(obj, type, reason, message)` and move on; a writer turns
// each event into a core/v1 Event through the correlator and writes it to the sink —
// creating it, or patching the stored one when it repeats — retrying while the server is
// unreachable (12 tries, 10 s apart, the first sleep randomised), and giving up on an
// event the server rejects.

import { realClock, type Clock } from '../clock.js';
import { asAPIError, isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { formatTime } from '../../machinery/time.js';
import { stderrLogger, type Logger } from '../logger.js';
import type { Event, ObjectReference } from '../types/core.js';
import { EventCorrelator, type CorrelatorOptions } from './correlator.js';
import type { EventPatch } from './event-logger.js';
import { eventName } from './names.js';
import type { EventSink } from './sink.js';
import { Deque } from '../deque.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  readonly sink: EventSink;
  /** The reporting controller: `source.component` and `reportingComponent` (e.g. `default-scheduler`). */
  readonly component: string;
  /** The reporting instance: `source.host` and `reportingInstance` (e.g. the host or pod name). */
  readonly instance?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly correlator?: CorrelatorOptions;
  /** Sleep between write attempts; default 10 s. */
  readonly retrySleepMs?: number;
  /** Attempts per event; default 12. */
  readonly maxTries?: number;
  /** Events waiting to be written beyond which new ones are dropped; default 1000. */
  readonly maxQueued?: number;
  /**
   * Writers working at once, each on the events of its share of the objects; default 1, as
   * the legacy broadcaster. The newer events library writes every event on its own
   * goroutine: a component that reports on many objects at once (the scheduler) needs more
   * than one, or a burst fills the queue and events are dropped.
   */
  readonly writers?: number;
  readonly random?: () => number;
}

/** The events one writer works through, in order. */
interface Lane {
  readonly queue: Deque<Event>;
  pumping: Promise<void> | undefined;
}

/**
 * Records events about objects.
 * Contract: `event()` never throws and never waits; events about one object are written
 * in the order recorded (with one writer, all events are); `flush()` resolves when every
 * event recorded before it has been written or given up; after `shutdown()` new events are
 * dropped and pending ones get one try.
 */
export class EventRecorder {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly correlator: EventCorrelator;
  private readonly lanes: Lane[];
  /** Events in all lanes, not yet taken by their writer. */
  private queued = 0;
  private readonly stopping = new AbortController();

  constructor(private readonly options: EventRecorderOptions) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? stderrLogger;
    this.correlator = new EventCorrelator(this.clock, options.correlator);
    this.lanes = Array.from({ length: Math.max(1, options.writers ?? 1) }, () => ({ queue: new Deque<Event>(), pumping: undefined }));
  }

  /** Records an event about `object` (an API object with kind and apiVersion, or a reference). */
  event(object: KubeObject | ObjectReference, type: EventType, reason: string, message: string, annotations?: Record<string, string>): void {
    if (this.stopping.signal.aborted) return;
    if (type !== 'Normal' && type !== 'Warning') {
      this.logger.error('unsupported event type', { type, reason });
      return;
    }
    const ref = referenceTo(object);
    if (ref.kind === undefined || ref.kind === '' || ref.name === undefined) {
      this.logger.error('cannot record an event about an object without kind and name', { reason, message });
      return;
    }
    if (this.queued >= (this.options.maxQueued ?? 1000)) {
      this.logger.error('too many queued events, dropping one', { reason, object: `${ref.namespace ?? ''}/${ref.name}` });
      return;
    }
    const lane = this.laneOf(ref);
    lane.queue.push(this.makeEvent(ref, type, reason, message, annotations));
    this.queued++;
    lane.pumping ??= this.pump(lane);
  }

  /** Resolves once every event recorded so far has been written or given up. */
  async flush(): Promise<void> {
    for (let busy = this.busyLanes(); busy.length > 0; busy = this.busyLanes()) await Promise.all(busy);
  }

  /** Stops taking events, cuts retry sleeps short, and waits for the writer to finish. */
  async shutdown(): Promise<void> {
    this.stopping.abort();
    await this.flush();
  }

  private makeEvent(ref: ObjectReference, type: EventType, reason: string, message: string, annotations?: Record<string, string>): Event {
    const now = this.clock.now();
    const timestamp = formatTime(now);
    const host = this.options.instance ?? '';
    const metadata: Event['metadata'] = { name: eventName(ref.name ?? '', now), namespace: ref.namespace || 'default' };
    if (annotations !== undefined) metadata.annotations = annotations;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject: ref,
      reason,
      message,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
      source: host === '' ? { component: this.options.component } : { component: this.options.component, host },
      reportingComponent: this.options.component,
      reportingInstance: host,
    };
  }

  private busyLanes(): Promise<void>[] {
    return this.lanes.flatMap((lane) => (lane.pumping === undefined ? [] : [lane.pumping]));
  }

  /** The lane of an object: always the same one, so that its events keep their order. */
  private laneOf(ref: ObjectReference): Lane {
    if (this.lanes.length === 1) return this.lanes[0]!;
    const key = `${ref.namespace ?? ''}/${ref.name ?? ''}`;
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    return this.lanes[Math.abs(hash) % this.lanes.length]!;
  }

  private async pump(lane: Lane): Promise<void> {
    try {
      for (let event = lane.queue.shift(); event !== undefined; event = lane.queue.shift()) {
        this.queued--;
        await this.record(event);
      }
    } finally {
      lane.pumping = undefined;
    }
  }

  private async record(event: Event): Promise<void> {
    const result = this.correlator.correlate(event);
    if (result.skip) return;
    const maxTries = this.stopping.signal.aborted ? 1 : (this.options.maxTries ?? 12);
    const sleep = this.options.retrySleepMs ?? 10_000;
    for (let tries = 1; ; tries++) {
      if (await this.write(result.event, result.patch)) return;
      if (tries >= maxTries) {
        this.logger.error('unable to write event (retry limit exceeded)', { event: describe(result.event) });
        return;
      }
      // A random first sleep keeps many clients from retrying in step after an outage.
      const delay = tries === 1 ? sleep * (this.options.random ?? Math.random)() : sleep;
      if (!(await this.clock.sleep(delay, this.stopping.signal))) {
        this.logger.error('unable to write event (recorder is shut down)', { event: describe(result.event) });
        return;
      }
    }
  }

  /** One attempt; true when done with the event (written, or rejected for good). */
  private async write(event: Event, patch: EventPatch | undefined): Promise<boolean> {
    try {
      let stored: Event | undefined;
      if (patch !== undefined && (event.count ?? 1) > 1) {
        try {
          stored = await this.options.sink.patch(event, patch);
        } catch (error) {
          // The Event may have been deleted (they expire after an hour): create it anew.
          if (!isNotFound(error)) throw error;
        }
      }
      stored ??= await this.options.sink.create({ ...event, metadata: { ...event.metadata, resourceVersion: undefined } });
      this.correlator.updateState(stored);
      return true;
    } catch (error) {
      if (asAPIError(error) === undefined) {
        this.logger.warn('unable to write event (will retry)', { event: describe(event), error });
        return false;
      }
      if (!isAlreadyExists(error)) this.logger.error('server rejected event (will not retry)', { event: describe(event), error });
      return true;
    }
  }
}

function referenceTo(object: KubeObject | ObjectReference): ObjectReference {
  if (!('metadata' in object) || object.metadata === undefined) return object as ObjectReference;
  const obj = object as KubeObject;
  const ref: ObjectReference = { kind: obj.kind, namespace: obj.metadata?.namespace, name: obj.metadata?.name, uid: obj.metadata?.uid, apiVersion: obj.apiVersion, resourceVersion: obj.metadata?.resourceVersion };
  for (const key of Object.keys(ref) as (keyof ObjectReference)[]) if (ref[key] === undefined) delete ref[key];
  return ref;
}

function describe(event: Event): string {
  const o = event.involvedObject;
  return `${o.kind ?? ''} ${o.namespace ?? ''}/${o.name ?? ''} ${event.type ?? ''} ${event.reason ?? ''}: ${event.message ?? ''}`;
}
