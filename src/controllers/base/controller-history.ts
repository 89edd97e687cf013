// ControllerRevisions (upstream's pkg/controller/history), shared by the StatefulSet and
// DaemonSet controllers: each distinct pod template an owner has had is one immutable
// ControllerRevision named `<owner>-<hash>`, numbered in order of use; pods carry the hash in
// the `controller-revision-hash` label, so a controller can tell old pods from new.

import { isAlreadyExists, isNotFound } from '../../machinery/errors.js';
import type { KubeObject, ObjectMeta, OwnerReference } from '../../machinery/meta.js';
import type { ResourceClient } from '../../client/index.js';
import { canonicalJson } from './canonical-json.js';
import { controllerRef } from './pods.js';

export const CONTROLLER_REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' } as const;
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export interface ControllerRevision extends KubeObject {
  metadata?: ObjectMeta;
  data?: unknown;
  revision: number;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream's HashControllerRevision shape: 32-bit FNV-1a of the data (and collision count), safe-encoded. */
export function revisionHash(data: unknown, collisionCount: number | undefined): string {
  const text = canonicalJson(data) + (collisionCount === undefined || collisionCount === 0 ? '' : `#${collisionCount}`);
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash >>> 0)].map((digit) => SAFE_ALPHABET[Number(digit)]!).join('');
}

/** A revision's data for a pod template (upstream's getPatch: the template, replacing the whole). */
export function templateRevisionData(template: unknown): unknown {
  return { spec: { template: { ...(template as object | undefined), $patch: 'replace' } } };
}

/** The pod template a revision's data holds. */
export function templateOfRevision<T>(data: unknown): T {
  const template = { ...((data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) };
  delete template.$patch;
  return template as T;
}

/** The revisions a controller reference on them ties to `ownerUid`, oldest revision number first. */
export function ownedRevisions(revisions: readonly ControllerRevision[], ownerUid: string): ControllerRevision[] {
  return revisions.filter((r) => controllerRef(r)?.uid === ownerUid).sort((a, b) => a.revision - b.revision);
}

export function sameData(a: ControllerRevision, data: unknown): boolean {
  return canonicalJson(a.data) === canonicalJson(data);
}

export interface EnsureRevisionInput {
  readonly api: ResourceClient<ControllerRevision>;
  readonly owner: KubeObject;
  readonly ref: OwnerReference;
  /** Labels of the revision (upstream: the template's labels). */
  readonly labels: Record<string, string>;
  readonly data: unknown;
  /** The owner's revisions, oldest first. */
  readonly revisions: readonly ControllerRevision[];
  readonly collisionCount: number;
}

export interface EnsuredRevision {
  readonly revision: ControllerRevision;
  /** Raised when a revision of the same name held other data. */
  readonly collisionCount: number;
}

/**
 * The revision holding `data`: the newest existing one with equal data (renumbered to be
 * the latest if it is not), or a new one numbered after the rest.
 * Contract: never changes a revision's data; on a name collision with different data the
 * collision count goes up and the hash is taken again, as upstream.
 */
export async function ensureRevision(input: EnsureRevisionInput): Promise<EnsuredRevision> {
  const next = (input.revisions.at(-1)?.revision ?? 0) + 1;
  const equal = [...input.revisions].reverse().find((r) => sameData(r, input.data));
  if (equal !== undefined) {
    if (equal === input.revisions.at(-1)) return { revision: equal, collisionCount: input.collisionCount };
    const updated = await input.api.update({ ...equal, revision: next });
    return { revision: updated, collisionCount: input.collisionCount };
  }
  let collisionCount = input.collisionCount;
  for (;;) {
    const name = `${input.owner.metadata?.name ?? ''}-${revisionHash(input.data, collisionCount)}`;
    const body: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name, namespace: input.owner.metadata?.namespace, labels: input.labels, ownerReferences: [input.ref] },
      data: input.data,
      revision: next,
    };
    try {
      return { revision: await input.api.create(body), collisionCount };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const existing = await input.api.get(name);
      if (controllerRef(existing)?.uid === input.ref.uid && sameData(existing, input.data)) return { revision: existing, collisionCount };
      collisionCount++;
    }
  }
}

/** The hash part of a revision's name (the label value DaemonSet pods carry). */
export function hashOf(revision: ControllerRevision, ownerName: string): string {
  return (revision.metadata?.name ?? '').slice(ownerName.length + 1);
}

/**
 * Deletes the oldest revisions no pod uses beyond `limit` (upstream's truncateHistory).
 * `live` are the names of revisions in use (current, update, and any pod's).
 */
export async function truncateHistory(api: ResourceClient<ControllerRevision>, revisions: readonly ControllerRevision[], live: ReadonlySet<string>, limit: number): Promise<void> {
  const idle = revisions.filter((r) => !live.has(r.metadata?.name ?? ''));
  for (const revision of idle.slice(0, Math.max(0, idle.length - limit))) {
    try {
      await api.delete(revision.metadata?.name ?? '', { preconditions: { uid: revision.metadata?.uid } });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
