// The Deployment controller's writes to its ReplicaSets: finding or creating the new one
// (named `<deployment>-<pod-template-hash>`, revision = highest old revision + 1) and
// scaling one, with upstream's annotations and ScalingReplicaSet events.

import { isAlreadyExists } from '../../machinery/errors.js';
import type { OwnerReference } from '../../machinery/meta.js';
import type { EventRecorder, ResourceClient } from '../../client/index.js';
import { controllerRef } from '../base/pods.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { equalIgnoringHash, podTemplateHash } from './template-hash.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, type Deployment } from './types.js';

/** Thrown when the new ReplicaSet's name is taken by another template; the caller raises status.collisionCount. */
export class HashCollisionError extends Error {
  constructor(readonly replicaSetName: string) {
    super(`hash collision for ReplicaSet "${replicaSetName}"`);
    this.name = 'HashCollisionError';
  }
}

export function revisionOf(rs: ReplicaSet): number {
  const value = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '0');
  return Number.isFinite(value) ? value : 0;
}

export function ownerRefTo(d: Deployment): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata?.name ?? '', uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The ReplicaSet running the Deployment's current template: the oldest such (upstream's FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, sets: readonly ReplicaSet[]): ReplicaSet | undefined {
  const byAge = [...sets].sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return byAge.find((rs) => equalIgnoringHash(rs.spec?.template, d.spec?.template, POD_TEMPLATE_HASH_LABEL));
}

export class ReplicaSetWriter {
  constructor(
    private readonly api: ResourceClient<ReplicaSet>,
    private readonly recorder: EventRecorder,
  ) {}

  /** Creates the new ReplicaSet with `replicas`; resolves it, or the existing one of the same template. */
  async create(d: Deployment, replicas: number, revision: number, maxSurge: number): Promise<ReplicaSet> {
    const hash = podTemplateHash(d.spec?.template, d.status?.collisionCount);
    const name = `${d.metadata?.name ?? ''}-${hash}`;
    const template = d.spec?.template ?? {};
    const selector = d.spec?.selector ?? {};
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata?.namespace,
        labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
        annotations: { ...this.annotations(d, maxSurge), [REVISION_ANNOTATION]: String(revision) },
        ownerReferences: [ownerRefTo(d)],
      },
      spec: {
        replicas,
        minReadySeconds: d.spec?.minReadySeconds,
        selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template: { ...template, metadata: { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } } },
      },
    };
    try {
      const created = await this.api.create(rs);
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
      return created;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const existing = await this.api.get(name);
      if (controllerRef(existing)?.uid === d.metadata?.uid && equalIgnoringHash(existing.spec?.template, d.spec?.template, POD_TEMPLATE_HASH_LABEL)) return existing;
      throw new HashCollisionError(name);
    }
  }

  /** Sets replicas (and the desired/max annotations); resolves the written object, or `rs` when nothing changed. */
  async scale(d: Deployment, rs: ReplicaSet, replicas: number, maxSurge: number, revision?: number): Promise<ReplicaSet> {
    const annotations = { ...rs.metadata?.annotations, ...this.annotations(d, maxSurge) };
    if (revision !== undefined) annotations[REVISION_ANNOTATION] = String(revision);
    const same = rs.spec?.replicas === replicas && Object.entries(annotations).every(([k, v]) => rs.metadata?.annotations?.[k] === v);
    if (same) return rs;
    const updated = await this.api.update({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas } });
    const from = rs.spec?.replicas ?? 0;
    if (from !== replicas) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata?.name ?? ''} from ${from} to ${replicas}`);
    }
    return updated;
  }

  private annotations(d: Deployment, maxSurge: number): Record<string, string> {
    const desired = d.spec?.replicas ?? 1;
    return { [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(desired + maxSurge) };
  }
}

