// How many pods a budget expects when its numbers are relative (upstream's
// getExpectedScale and its finders): the sum of the scales of the pods' controllers,
// each counted once; a pod of a Deployment counts the Deployment, not its ReplicaSet.

import type { KubeObject, ObjectMeta, OwnerReference } from '../../machinery/meta.js';
import type { Lister, Pod } from '../../client/index.js';
import { controllerRef } from '../base/pods.js';

export const SCALED_RESOURCES = {
  replicationcontrollers: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
} as const;

export interface Scalable extends KubeObject {
  metadata?: ObjectMeta;
  spec?: { replicas?: number };
}

export interface ScaleListers {
  readonly replicationcontrollers: Lister<Scalable>;
  readonly replicasets: Lister<Scalable>;
  readonly deployments: Lister<Scalable>;
  readonly statefulsets: Lister<Scalable>;
}

/** Thrown when a pod's controller is none of the kinds whose scale is known. */
export class NoControllerError extends Error {
  constructor(readonly pod: string) {
    super(`found no controllers for pod "${pod}"`);
    this.name = 'NoControllerError';
  }
}

interface ControllerScale {
  uid: string;
  scale: number;
}

type Finder = (ref: OwnerReference, namespace: string) => ControllerScale | undefined;

/** `apps/v1` ─▶ `apps`; `v1` ─▶ '' (the core group). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The cached object the reference names, if it is that very one (same uid). */
function resolve(lister: Lister<Scalable>, ref: OwnerReference, namespace: string, kind: string, group: string): Scalable | undefined {
  if (ref.kind !== kind || groupOf(ref.apiVersion) !== group) return undefined;
  const obj = lister.namespace(namespace).get(ref.name);
  return obj?.metadata?.uid === ref.uid ? obj : undefined;
}

const scaleOf = (obj: Scalable): ControllerScale => ({ uid: obj.metadata?.uid ?? '', scale: obj.spec?.replicas ?? 1 });

function finders(listers: ScaleListers): Finder[] {
  return [
    (ref, ns) => {
      const rc = resolve(listers.replicationcontrollers, ref, ns, 'ReplicationController', '');
      return rc && scaleOf(rc);
    },
    (ref, ns) => {
      const rs = resolve(listers.replicasets, ref, ns, 'ReplicaSet', 'apps');
      const owner = rs && controllerRef(rs);
      const deployment = owner && resolve(listers.deployments, owner, ns, 'Deployment', 'apps');
      return deployment && scaleOf(deployment);
    },
    (ref, ns) => {
      const rs = resolve(listers.replicasets, ref, ns, 'ReplicaSet', 'apps');
      // A ReplicaSet of a Deployment was counted through the Deployment.
      if (rs === undefined || controllerRef(rs)?.kind === 'Deployment') return undefined;
      return scaleOf(rs);
    },
    (ref, ns) => {
      const sts = resolve(listers.statefulsets, ref, ns, 'StatefulSet', 'apps');
      return sts && scaleOf(sts);
    },
  ];
}

/**
 * The expected pod count of `pods` and the names of those without a controller (which
 * add nothing). Throws NoControllerError when a controller's scale cannot be found.
 */
export function expectedScale(pods: readonly Pod[], listers: ScaleListers): { expected: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const seenRefs = new Set<string>();
  const unmanaged: string[] = [];
  const find = finders(listers);
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (ref === undefined) {
      unmanaged.push(pod.metadata?.name ?? '');
      continue;
    }
    if (seenRefs.has(ref.uid)) continue;
    const found = find.map((f) => f(ref, pod.metadata?.namespace ?? '')).find((s) => s !== undefined);
    if (found === undefined) throw new NoControllerError(pod.metadata?.name ?? '');
    seenRefs.add(ref.uid);
    scales.set(found.uid, found.scale);
  }
  let expected = 0;
  for (const scale of scales.values()) expected += scale;
  return { expected, unmanaged };
}
