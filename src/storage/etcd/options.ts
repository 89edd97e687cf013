// Options of the etcd backend, their defaults, and the loading of TLS material.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { StoreOpenError } from '../errors.js';

/** A PEM given inline (a string holding "-----BEGIN", or bytes) or as a file path. */
export type PemSource = string | Uint8Array;

export interface EtcdTlsOptions {
  /** CA bundle to verify the members' certificates; default: Node's built-in roots. */
  readonly ca?: PemSource;
  /** Client certificate, for clusters started with --client-cert-auth. */
  readonly cert?: PemSource;
  /** Private key of the client certificate. */
  readonly key?: PemSource;
}

export interface EtcdStoreOptions {
  /**
   * Client URLs of the members, e.g. ["https://10.0.0.1:2379", "https://10.0.0.2:2379"].
   * "host:port" without a scheme means http (https when `tls` is set).
   */
  readonly endpoints: readonly string[];
  /**
   * Prepended to every store key in etcd (like kube-apiserver's --etcd-prefix) and
   * stripped on the way back, so several stores can share one cluster. Default "".
   */
  readonly prefix?: string;
  /** TLS to the members; when present every endpoint is https. */
  readonly tls?: EtcdTlsOptions;
  /** Deadline of each attempt to reach the cluster at startup. Default 2,000 ms. */
  readonly connectTimeoutMs?: number;
  /** How long openEtcdStore keeps retrying an unreachable cluster before failing. Default 30,000 ms. */
  readonly startupTimeoutMs?: number;
  /** Deadline of each request once running. Default 10,000 ms. */
  readonly requestTimeoutMs?: number;
  /** Where progress and trouble are reported (startup retries, lost watches). Default: stderr. */
  readonly logger?: (message: string) => void;
}

/** The options with every default filled in and TLS material read. */
export interface ResolvedEtcdOptions {
  readonly endpoints: readonly string[];
  readonly prefix: string;
  readonly tls: { readonly ca: Buffer; readonly cert?: Buffer; readonly key?: Buffer } | undefined;
  readonly connectTimeoutMs: number;
  readonly startupTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly logger: (message: string) => void;
}

/** Fills in defaults and reads TLS files; StoreOpenError when the options cannot work. */
export function resolveOptions(options: EtcdStoreOptions): ResolvedEtcdOptions {
  if (options.endpoints.length === 0) throw new StoreOpenError('etcd: no endpoints given');
  const secure = options.tls !== undefined;
  return {
    endpoints: options.endpoints.map((e) => normalizeEndpoint(e, secure)),
    prefix: options.prefix ?? '',
    tls: options.tls && {
      ca: options.tls.ca === undefined ? Buffer.from(rootCertificates.join('\n')) : readPem(options.tls.ca, 'ca'),
      ...(options.tls.cert !== undefined && { cert: readPem(options.tls.cert, 'cert') }),
      ...(options.tls.key !== undefined && { key: readPem(options.tls.key, 'key') }),
    },
    connectTimeoutMs: options.connectTimeoutMs ?? 2_000,
    startupTimeoutMs: options.startupTimeoutMs ?? 30_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    logger: options.logger ?? ((message) => process.stderr.write(`kubets: etcd: ${message}\n`)),
  };
}

function normalizeEndpoint(endpoint: string, secure: boolean): string {
  if (/^https?:\/\//.test(endpoint)) {
    if (secure && endpoint.startsWith('http://')) {
      throw new StoreOpenError(`etcd: endpoint ${endpoint} is http but TLS options were given`);
    }
    return endpoint;
  }
  return `${secure ? 'https' : 'http'}://${endpoint}`;
}

function readPem(source: PemSource, what: string): Buffer {
  if (typeof source !== 'string') return Buffer.from(source);
  if (source.includes('-----BEGIN')) return Buffer.from(source);
  try {
    return readFileSync(source);
  } catch (err) {
    throw new StoreOpenError(`etcd: cannot read TLS ${what} file ${source}: ${(err as Error).message}`, { cause: err });
  }
}
