// Which pods a running Job should create or delete (upstream's manageJob): towards
// min(parallelism, what is left to complete), in Indexed mode one pod per open index.

import type { Pod } from '../../client/index.js';
import { isPodActive, isPodReady } from '../base/pods.js';
import { parseIndexes } from './indexes.js';
import { podIndex } from './pod-template.js';
import type { Job, JobStatus } from './types.js';

/** Upstream's MaxPodCreateDeletePerSync. */
const MAX_POD_CHANGES_PER_SYNC = 500;

export interface Plan {
  /** One entry per pod to create: its index (Indexed) or undefined. */
  readonly create: (number | undefined)[];
  readonly remove: Pod[];
}

export function planNonIndexed(job: Job, status: JobStatus, busy: Pod[]): Plan {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  const succeeded = (status.succeeded ?? 0) + (status.uncountedTerminatedPods?.succeeded?.length ?? 0);
  const want = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
  const diff = want - busy.length;
  if (diff > 0) return { create: Array.from({ length: Math.min(diff, MAX_POD_CHANGES_PER_SYNC) }, () => undefined), remove: [] };
  const active = busy.filter(isPodActive);
  // Surplus: not-ready pods first, then the newest.
  const ranked = [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''));
  return { create: [], remove: ranked.slice(0, Math.min(-diff, active.length)) };
}

export function planIndexed(job: Job, status: JobStatus, busy: Pod[]): Plan {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions ?? 0;
  const done = parseIndexes(status.completedIndexes);
  for (const failed of parseIndexes(status.failedIndexes)) done.add(failed);
  const running = new Set<number>();
  const remove: Pod[] = [];
  for (const pod of busy) {
    const index = podIndex(pod);
    const duplicate = index === undefined || index >= completions || done.has(index) || running.has(index);
    if (duplicate && isPodActive(pod)) remove.push(pod);
    else if (index !== undefined) running.add(index);
  }
  const create: number[] = [];
  for (let i = 0; i < completions && running.size + create.length < parallelism && create.length < MAX_POD_CHANGES_PER_SYNC; i++) {
    if (!done.has(i) && !running.has(i)) create.push(i);
  }
  return { create, remove };
}
