// The pods being scheduled (popped, not yet reported back) and the cluster events that
// arrived meanwhile (upstream's inFlightPods and inFlightEvents). One list holds both, in
// arrival order: a pod's marker goes in when it is popped, each event while any pod is in
// flight; so the events a pod may have missed are exactly those after its marker. Events
// before the oldest marker concern nobody and are dropped as pods finish, so the list
// holds only what some in-flight pod can still ask for.

import type { ClusterEvent } from '../framework/cluster-event.js';

/** A cluster event as it arrived; `event` undefined is a move of every pod (no event named). */
export interface RecordedEvent {
  readonly event: ClusterEvent | undefined;
  readonly oldObj: unknown;
  readonly newObj: unknown;
}

interface Link {
  prev: Link | undefined;
  next: Link | undefined;
  /** Set on event links; pod markers have none. */
  readonly recorded?: RecordedEvent;
}

interface InFlightPod {
  readonly marker: Link;
  /** The pod's own spec changed while it was in flight. */
  updated: boolean;
}

/**
 * Contract: `begin` and `end` pair up per pod key (a second `begin` without `end` replaces
 * the first); `record` keeps an event only while some pod is in flight; `eventsSince`
 * yields, in arrival order, every event recorded after the pod's `begin`.
 */
export class InFlightLog {
  private readonly pods = new Map<string, InFlightPod>();
  private head: Link | undefined;
  private tail: Link | undefined;

  /** How many links the list holds (pods and events), for tests. */
  get length(): number {
    let n = 0;
    for (let l = this.head; l !== undefined; l = l.next) n++;
    return n;
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  begin(key: string): void {
    this.end(key);
    const marker: Link = { prev: undefined, next: undefined };
    this.append(marker);
    this.pods.set(key, { marker, updated: false });
  }

  /** The pod's own spec changed while in flight. */
  markUpdated(key: string): void {
    const pod = this.pods.get(key);
    if (pod !== undefined) pod.updated = true;
  }

  record(event: ClusterEvent | undefined, oldObj: unknown, newObj: unknown): void {
    if (this.pods.size === 0) return;
    this.append({ prev: undefined, next: undefined, recorded: { event, oldObj, newObj } });
  }

  /** The events recorded since `key` was popped; none if it is not in flight. */
  *eventsSince(key: string): Generator<RecordedEvent> {
    const pod = this.pods.get(key);
    for (let l = pod?.marker.next; l !== undefined; l = l.next) if (l.recorded !== undefined) yield l.recorded;
  }

  /** The pod is no longer in flight; whether its spec changed meanwhile (undefined: it was not in flight). */
  end(key: string): { updated: boolean } | undefined {
    const pod = this.pods.get(key);
    if (pod === undefined) return undefined;
    this.pods.delete(key);
    this.unlink(pod.marker);
    // Events older than every remaining pod can no longer be asked for.
    while (this.head?.recorded !== undefined) this.unlink(this.head);
    return { updated: pod.updated };
  }

  private append(link: Link): void {
    link.prev = this.tail;
    if (this.tail === undefined) this.head = link;
    else this.tail.next = link;
    this.tail = link;
  }

  private unlink(link: Link): void {
    if (link.prev === undefined) this.head = link.next;
    else link.prev.next = link.next;
    if (link.next === undefined) this.tail = link.prev;
    else link.next.prev = link.prev;
    link.prev = link.next = undefined;
  }
}
