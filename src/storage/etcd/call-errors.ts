// What a failed etcd call means for the store. The etcd3 client turns gRPC statuses into
// error classes but keeps etcd's own reason only in the message text ("etcdserver: …"),
// so both are read here, in one place.
import { isRecoverableError } from 'etcd3';

/**
 * - `unsent`: the request never left this process (no connection to the member), so it
 *   may be sent again anywhere, writes included.
 * - `unavailable`: the member or the connection failed; a write may or may not have
 *   been applied, so only reads are sent again.
 * - `compacted`, `future`, `too-large`: etcd refused the request for that reason.
 * - `other`: anything else (a bug, a permission problem): reported as it is.
 */
export type CallFailure = 'unsent' | 'unavailable' | 'compacted' | 'future' | 'too-large' | 'other';

export function classifyFailure(err: unknown): CallFailure {
  if (!(err instanceof Error)) return 'other';
  const message = err.message;
  if (message.includes('required revision has been compacted')) return 'compacted';
  if (message.includes('required revision is a future revision')) return 'future';
  if (message.includes('request is too large')) return 'too-large';
  // grpc-js says this when it had no connection to send the call on.
  if (message.includes('No connection established')) return 'unsent';
  // etcd refuses these before proposing anything to raft.
  if (message.includes('etcdserver: too many requests') || message.includes('etcdserver: not capable')) return 'unsent';
  if (isRecoverableError(err)) return 'unavailable';
  return 'other';
}

/** The error's message without the gRPC status prefix ("14 UNAVAILABLE: "), for people. */
export function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^\d+ [A-Z_]+: /, '');
}
