// The pod a Job creates (upstream's GetPodFromTemplate plus the Job's additions): owned by
// the Job, carrying the job-tracking finalizer, and in Indexed mode its completion index as
// annotation, label and JOB_COMPLETION_INDEX, with hostname `<job>-<index>`.

import type { OwnerReference } from '../../machinery/meta.js';
import type { Container, Pod } from '../../client/index.js';
import { COMPLETION_INDEX_ANNOTATION, COMPLETION_INDEX_LABEL, INDEX_FAILURE_COUNT_ANNOTATION, JOB_TRACKING_FINALIZER, type Job } from './types.js';

/** Upstream's limit on a generated name's prefix, keeping room for the random suffix. */
const MAX_GENERATE_NAME_PREFIX = 58;

export function ownerRefTo(job: Job): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** A new pod for `job`; `index` only in Indexed mode, `failures` of that index only with backoffLimitPerIndex. */
export function podForJob(job: Job, index?: number, failures?: number): Pod {
  const template = job.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const name = job.metadata?.name ?? '';
  const labels = { ...meta.labels };
  const annotations = { ...meta.annotations };
  const spec = structuredClone(template.spec ?? { containers: [] });
  let generateName = `${name}-`;
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[COMPLETION_INDEX_LABEL] = String(index);
    spec.hostname = `${name}-${index}`;
    spec.containers = spec.containers.map(withIndexEnv);
    generateName = `${name}-${index}-`;
    if (failures !== undefined) annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(failures);
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: generateName.length > MAX_GENERATE_NAME_PREFIX ? generateName.slice(0, MAX_GENERATE_NAME_PREFIX) : generateName,
      namespace: job.metadata?.namespace,
      labels,
      annotations,
      finalizers: [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER],
      ownerReferences: [ownerRefTo(job)],
    },
    spec,
  };
}

/** The index read from the downward API, as upstream's addCompletionIndexEnvVariable. */
function withIndexEnv(container: Container): Container {
  const env = (container.env as { name: string }[] | undefined) ?? [];
  if (env.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return container;
  const fromAnnotation = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } };
  return { ...container, env: [...env, fromAnnotation] };
}

/** The pod's completion index, if it has a valid one. */
export function podIndex(pod: Pod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The failures of its index before this pod (0 when not annotated). */
export function indexFailureCount(pod: Pod): number {
  const text = pod.metadata?.annotations?.[INDEX_FAILURE_COUNT_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}
