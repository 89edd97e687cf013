// The ResourceLock on a coordination.k8s.io/v1 Lease (upstream's LeaseLock): the record
// lives in the Lease's spec; updates carry the resourceVersion last seen, so the API
// server's optimistic concurrency decides races between candidates.

import { formatMicroTime, parseTime } from '../../machinery/time.js';
import type { Lease, LeaseSpec } from '../types/coordination.js';
import type { LeaderElectionRecord, ResourceLock } from './lock.js';

/** The Lease operations the lock needs (a namespaced resource client of leases provides them). */
export interface LeaseApi {
  get(name: string, options?: { signal?: AbortSignal }): Promise<Lease>;
  create(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
  update(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
}

/** Thrown when update() is called before the lock was ever read or created. */
export class LeaseNotInitializedError extends Error {
  constructor() {
    super('lease not initialized: call get or create first');
    this.name = 'LeaseNotInitializedError';
  }
}

export class LeaseLock implements ResourceLock {
  private lease: Lease | undefined;

  constructor(
    private readonly api: LeaseApi,
    readonly namespace: string,
    readonly name: string,
    readonly identity: string,
  ) {}

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }

  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    this.lease = await this.api.get(this.name, { signal });
    const record = recordFromSpec(this.lease.spec ?? {});
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { namespace: this.namespace, name: this.name },
      spec: specFromRecord(record),
    };
    this.lease = await this.api.create(lease, { signal });
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (this.lease === undefined) throw new LeaseNotInitializedError();
    this.lease = await this.api.update({ ...this.lease, spec: specFromRecord(record) }, { signal });
  }
}

function recordFromSpec(spec: LeaseSpec): LeaderElectionRecord {
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ? parseTime(spec.acquireTime) : 0,
    renewTime: spec.renewTime ? parseTime(spec.renewTime) : 0,
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
}

function specFromRecord(record: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: formatMicroTime(record.acquireTime * 1000),
    renewTime: formatMicroTime(record.renewTime * 1000),
    leaseTransitions: record.leaderTransitions,
  };
}
