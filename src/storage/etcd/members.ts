// The connections to the cluster's members and the failover between them.
//
// Each member gets two etcd3 connection pools of one host each: one for unary KV calls,
// one for watch streams (etcd3 tears down a host's clients after a failed call, which
// must not take the watch streams of that member with it). etcd3's own retry and
// circuit-breaker policies are replaced by a pass-through one: they retry writes whose
// outcome is unknown and keep a restarted member blocked for seconds. Failover is
// decided here instead, knowing whether the call was a read or a write.
import { KVClient } from 'etcd3';
import type { IDuplexStream, IOptions, IWatchRequest, IWatchResponse } from 'etcd3';
import { ConnectionPool } from 'etcd3/lib/connection-pool.js';
import { classifyFailure } from './call-errors.js';
import type { ResolvedEtcdOptions } from './options.js';

/** A bidirectional Watch RPC. */
export type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

/** Whether a call may run twice: reads may, writes only when the first try never left. */
export type CallKind = 'read' | 'write';

type Policy = NonNullable<NonNullable<IOptions['faultHandling']>['global']>;

/** Runs the call once: no retry, no circuit breaker (see the top of this file). */
const passThrough: Policy = {
  _altReturn: undefined as never,
  onSuccess: () => ({ dispose: () => undefined }),
  onFailure: () => ({ dispose: () => undefined }),
  execute: async (fn, signal) => fn({ signal: signal ?? new AbortController().signal }),
};

interface Member {
  readonly endpoint: string;
  readonly kvPool: ConnectionPool;
  readonly kv: KVClient;
  readonly watchPool: ConnectionPool;
}

interface WatchStub {
  watch(metadata: unknown, options: object): WatchStream;
}

export class EtcdMembers {
  private readonly members: Member[];
  /** Index of the member tried first; moves on when that member fails. */
  private preferred = 0;

  constructor(private readonly options: ResolvedEtcdOptions) {
    this.members = options.endpoints.map((endpoint) => {
      const kvPool = new ConnectionPool(poolOptions(endpoint, options));
      return { endpoint, kvPool, kv: new KVClient(kvPool), watchPool: new ConnectionPool(poolOptions(endpoint, options)) };
    });
  }

  get endpoints(): readonly string[] {
    return this.options.endpoints;
  }

  /**
   * Runs a KV call on the preferred member, then on the others in turn while the
   * failure allows another try (see CallKind). Throws the last etcd3 error otherwise.
   */
  async call<T>(kind: CallKind, fn: (kv: KVClient, options: { deadline: number }) => Promise<T>, timeoutMs?: number): Promise<T> {
    let lastError: unknown;
    const start = this.preferred;
    for (let attempt = 0; attempt < this.members.length; attempt++) {
      const index = (start + attempt) % this.members.length;
      const member = this.members[index] as Member;
      try {
        return await fn(member.kv, { deadline: Date.now() + (timeoutMs ?? this.options.requestTimeoutMs) });
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure !== 'unsent' && !(failure === 'unavailable' && kind === 'read')) throw err;
        this.passOver(index);
        lastError = err;
      }
    }
    throw lastError;
  }

  /**
   * Opens a Watch RPC on the preferred member. It fails later, through the stream's
   * 'error' event, when the member cannot be reached; call `watchFailed` then.
   * Streams require a leader: a member cut off from the others ends them, so that the
   * watcher moves to a member that still receives changes.
   */
  async openWatch(): Promise<{ stream: WatchStream; endpoint: string }> {
    const member = this.members[this.preferred] as Member;
    const stream = await member.watchPool.withConnection('Watch', ({ client, metadata }) => {
      const withLeader = metadata.clone();
      withLeader.set('hasleader', 'true');
      return (client as unknown as WatchStub).watch(withLeader, {});
    });
    return { stream, endpoint: member.endpoint };
  }

  /** Reports that a watch stream on `endpoint` broke, so that the next one goes elsewhere. */
  watchFailed(endpoint: string): void {
    const index = this.members.findIndex((m) => m.endpoint === endpoint);
    if (index >= 0) this.passOver(index);
  }

  close(): void {
    for (const member of this.members) {
      member.kvPool.close();
      member.watchPool.close();
    }
  }

  /** Moves the preference past a failed member, unless another call already did. */
  private passOver(index: number): void {
    if (this.preferred === index) this.preferred = (index + 1) % this.members.length;
  }
}

function poolOptions(endpoint: string, options: ResolvedEtcdOptions): IOptions {
  return {
    hosts: [endpoint],
    ...(options.tls && {
      credentials: {
        rootCertificate: options.tls.ca,
        ...(options.tls.key && { privateKey: options.tls.key }),
        ...(options.tls.cert && { certChain: options.tls.cert }),
      },
    }),
    faultHandling: { host: () => passThrough, global: passThrough },
    grpcOptions: {
      // Reconnect quickly once a member is back (grpc's default backoff grows to 2 minutes).
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1_000,
      // Notice a member that vanished without closing the connection (etcd allows pings every 5 s).
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 5_000,
      // Large lists: etcd sends up to 2 GiB; grpc's default would refuse above 4 MiB.
      'grpc.max_receive_message_length': 2 ** 31 - 1,
      // KV calls and watch streams on separate connections.
      'grpc.use_local_subchannel_pool': 1,
    },
  };
}
