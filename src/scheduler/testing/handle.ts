// A SchedulerHandle for unit tests: informers that are never started (their stores are
// filled by hand with `seed`), a client whose every request fails (unit tests make no API
// calls; the end-to-end suite covers those), and a fake clock.

import { Client, FakeClock, FunctionTransport, InformerFactory, silentLogger } from '../../client/index.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { GroupVersionResource } from '../../machinery/schema.js';
import type { SnapshotView } from '../framework/interfaces.js';
import { Status } from '../framework/status.js';
import type { SchedulerHandle } from '../plugins/registry.js';
import { Snapshot } from '../cache/snapshot.js';

/** Thrown by the unit-test client: a unit test reached the API. */
export class UnexpectedRequestError extends Error {
  constructor(path: string) {
    super(`unit test made an API request: ${path}`);
    this.name = 'UnexpectedRequestError';
  }
}

export interface TestHandle extends SchedulerHandle {
  /** Puts objects into the informer cache of `gvr`. */
  seed(gvr: GroupVersionResource, ...objects: object[]): void;
  readonly clock: FakeClock;
}

export function testHandle(snapshot: SnapshotView = Snapshot.of([]), overrides: Partial<SchedulerHandle> = {}): TestHandle {
  const client = new Client(new FunctionTransport((req) => Promise.reject(new UnexpectedRequestError(req.path))));
  const informers = new InformerFactory(client, { logger: silentLogger });
  return {
    snapshot: () => snapshot,
    bind: () => Promise.resolve(),
    runFilters: () => Status.success(),
    evict: () => {},
    nominatedPods: () => [],
    clearNomination: () => {},
    informer: (gvr) => informers.informerFor(gvr),
    getWaitingPod: () => undefined,
    iterateOverWaitingPods: () => {},
    rejectWaitingPod: () => false,
    client,
    clock: new FakeClock(),
    seed(gvr, ...objects) {
      const store = informers.informerFor(gvr).store;
      for (const obj of objects) store.upsert(obj as KubeObject);
    },
    ...overrides,
  } as TestHandle;
}
