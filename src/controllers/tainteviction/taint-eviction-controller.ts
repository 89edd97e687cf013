// The taint-eviction controller (upstream's pkg/controller/tainteviction): a pod on a node
// with NoExecute taints it does not tolerate is deleted at once; one that tolerates them
// for tolerationSeconds is deleted when that time has passed since the controller first
// saw it exposed, unless the taints go or the pod leaves first.
//
//   node changes ─▶ node queue ─▶ every pod on the node ─▶ pod queue
//   pod changes  ───────────────────────────────────────▶ pod queue ─▶ sync(pod):
//       taints tolerated for ever / none ─▶ cancel (event "Cancelling deletion …")
//       due later ─▶ remember the deadline, look again then (the queue's addAfter)
//       due now   ─▶ event TaintManagerEviction, DisruptionTarget (DeletionByTaintManager), DELETE

import { NODE_NAME_INDEX, RateLimitingQueue, EventRecorder, clientEventSink, deletedObject, realClock, type Clock, type Node, type Pod, type SharedInformer } from '../../client/index.js';
import { splitNamespacedKey } from '../../machinery/meta.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { disruptAndDelete } from '../base/disruption.js';
import { keyOf } from '../base/keys.js';
import { taintsOf, tolerationsOf } from '../base/taints.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { tolerationTime } from './tolerations.js';

export const EVICTION_REASON = 'TaintManagerEviction';
export const DELETION_BY_TAINT_MANAGER = 'DeletionByTaintManager';

export interface TaintEvictionOptions {
  readonly clock: Clock;
}

interface Scheduled {
  readonly uid: string | undefined;
  readonly deadline: number;
}

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private readonly clock: Clock;
  private readonly podQueue: RateLimitingQueue<string>;
  private readonly nodeQueue: RateLimitingQueue<string>;
  private readonly nodes: SharedInformer<Node>;
  private readonly pods: SharedInformer<Pod>;
  private readonly recorder: EventRecorder;
  /** Pods due for deletion, by key; touched only by the worker holding the pod's key. */
  private readonly scheduled = new Map<string, Scheduled>();

  constructor(
    private readonly ctx: ControllerContext,
    options: Partial<TaintEvictionOptions> = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.podQueue = new RateLimitingQueue<string>({ clock: this.clock });
    this.nodeQueue = new RateLimitingQueue<string>({ clock: this.clock });
    this.recorder = new EventRecorder({ sink: clientEventSink(ctx.client), component: this.name, logger: ctx.logger, clock: this.clock });
    this.nodes = ctx.informers.nodes();
    this.pods = ctx.informers.pods();
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeQueue.add(keyOf(n)),
      onUpdate: (old, n) => {
        if (JSON.stringify(noExecute(old)) !== JSON.stringify(noExecute(n))) this.nodeQueue.add(keyOf(n));
      },
      onDelete: (n) => this.nodeQueue.add(keyOf(n)),
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.podQueue.add(keyOf(p)),
      onUpdate: (_o, p) => this.podQueue.add(keyOf(p)),
      onDelete: (p) => this.podQueue.add(keyOf(deletedObject(p))),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.nodes, this.pods))) return;
    const workers = this.ctx.workers ?? 8;
    try {
      await Promise.all([
        runWorkers(this.name, this.nodeQueue, (key) => this.syncNode(key), workers, signal, this.ctx.logger),
        runWorkers(this.name, this.podQueue, (key) => this.syncPod(key), workers, signal, this.ctx.logger),
      ]);
    } finally {
      await this.recorder.shutdown();
    }
  }

  private syncNode(name: string): Promise<void> {
    for (const pod of this.pods.store.byIndex(NODE_NAME_INDEX, name)) this.podQueue.add(keyOf(pod));
    return Promise.resolve();
  }

  private async syncPod(key: string): Promise<void> {
    const { namespace, name } = splitNamespacedKey(key);
    const pod = this.pods.lister.namespace(namespace).get(name);
    const nodeName = pod?.spec?.nodeName;
    if (pod === undefined || pod.metadata?.deletionTimestamp !== undefined || nodeName === undefined || nodeName === '') {
      this.scheduled.delete(key);
      return;
    }
    const time = tolerationTime(noExecute(this.nodes.lister.get(nodeName)), tolerationsOf(pod));
    if (time === 'never') {
      this.cancel(key, pod);
      return;
    }
    const now = this.clock.now();
    const uid = pod.metadata?.uid;
    let entry = this.scheduled.get(key);
    if (entry === undefined || entry.uid !== uid) {
      entry = { uid, deadline: time === 'now' ? now : now + time };
      this.scheduled.set(key, entry);
    }
    if (entry.deadline > now) {
      this.podQueue.addAfter(key, entry.deadline - now);
      return;
    }
    this.recorder.event(pod, 'Normal', EVICTION_REASON, `Marking for deletion Pod ${key}`);
    await disruptAndDelete(this.ctx.client, pod, { condition: { reason: DELETION_BY_TAINT_MANAGER, message: 'Taint manager: deleting due to NoExecute taint' } }, now);
    this.scheduled.delete(key);
  }

  private cancel(key: string, pod: Pod): void {
    if (!this.scheduled.delete(key)) return;
    this.recorder.event(pod, 'Normal', EVICTION_REASON, `Cancelling deletion of Pod ${key}`);
  }
}

function noExecute(node: Node | undefined): ReturnType<typeof taintsOf> {
  return taintsOf(node).filter((t) => t.effect === 'NoExecute');
}
