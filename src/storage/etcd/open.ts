// Opening the etcd store: reach the cluster, retrying with backoff while saying so, and
// give up with a StoreOpenError naming the endpoints after startupTimeoutMs.
import { StoreOpenError } from '../errors.js';
import type { Store } from '../store.js';
import { classifyFailure, describeFailure } from './call-errors.js';
import { EtcdStore } from './etcd-store.js';
import { EtcdMembers } from './members.js';
import { resolveOptions, type EtcdStoreOptions } from './options.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

/**
 * Connects to an etcd v3 cluster and returns a Store on it. Resolves once a member has
 * answered a linearizable read (so the cluster has a leader and a quorum). Rejects with
 * StoreOpenError when none did within `startupTimeoutMs`, or when the options cannot work.
 */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<Store> {
  const resolved = resolveOptions(options);
  const members = new EtcdMembers(resolved);
  const names = resolved.endpoints.join(', ');
  const started = Date.now();
  const deadline = started + resolved.startupTimeoutMs;
  let retryMs = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await members.call('read', (kv, o) => kv.range({ key: Buffer.from([0]), count_only: true }, o), resolved.connectTimeoutMs);
      if (attempt > 1) resolved.logger(`reached etcd at ${names} after ${attempt} attempts`);
      return new EtcdStore(members, resolved, Number(response.header.revision));
    } catch (err) {
      const reason = describeFailure(err);
      const left = deadline - Date.now();
      // Only an unreachable cluster is worth waiting for; a refusal (permissions, …) is final.
      if (left <= 0 || classifyFailure(err) === 'other') {
        members.close();
        throw new StoreOpenError(`cannot open etcd at ${names} (tried for ${Date.now() - started} ms): ${reason}`, { cause: err });
      }
      const delay = Math.min(retryMs, left);
      resolved.logger(`etcd at ${names} not reachable (${reason}); retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }
}
