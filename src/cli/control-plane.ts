// Starting and stopping a control plane in this process: the store, the PKI and admin
// kubeconfig in the data directory, the API server. Used by `kubets up`,
// `kubets apiserver` and the end-to-end tests.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ApiServer } from '../apiserver/server.js';
import { ensurePki } from '../apiserver/pki/data-dir.js';
import { writeKubeconfig } from '../apiserver/pki/kubeconfig.js';
import { loadTokenFile } from '../apiserver/pki/token-file.js';
import type { Store } from '../storage/store.js';
import { openSqliteStore } from '../storage/sqlite/index.js';
import { openEtcdStore } from '../storage/etcd/index.js';
import type { Durability } from '../storage/sqlite/options.js';

export interface ControlPlaneOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly bindAddress?: string;
  /** Empty: the embedded SQLite store in the data directory. */
  readonly etcdServers?: readonly string[];
  readonly durability?: Durability;
  readonly tokenAuthFile?: string;
  readonly extraNames?: readonly string[];
  /** Off only in tests that store upstream's random testdata objects. */
  readonly kindValidation?: boolean;
  /** Service cluster IP range (default 10.96.0.0/12). */
  readonly serviceClusterIpRange?: string;
  /** Watches without timeoutSeconds end after between this and twice this (seconds). */
  readonly minRequestTimeoutSeconds?: number;
  readonly log?: (message: string) => void;
}

export interface ControlPlane {
  readonly server: ApiServer;
  readonly store: Store;
  readonly url: string;
  readonly kubeconfigPath: string;
  readonly dataDir: string;
  /** The cluster CA (DIR/pki/ca.{crt,key}), for the controller manager to sign approved CSRs with, as kubeadm hands it over. */
  readonly clusterCa: { readonly certificatePem: string; readonly privateKeyPem: string };
  stop(): Promise<void>;
}

export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const log = options.log ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const pki = ensurePki(options.dataDir, { extraNames: options.extraNames });
  const store = await openStore(options, log);
  let server: ApiServer | undefined;
  try {
    const tokens = options.tokenAuthFile ? loadTokenFile(options.tokenAuthFile).users : undefined;
    server = new ApiServer({
      store,
      tls: { certificatePem: pki.apiserver.certificatePem, privateKeyPem: pki.apiserver.privateKeyPem, clientCaPem: pki.ca.certificatePem },
      port: options.port,
      bindAddress: options.bindAddress,
      tokens,
      serviceAccountKey: pki.serviceAccountKey,
      minRequestTimeoutSeconds: options.minRequestTimeoutSeconds,
      serviceClusterIpRange: options.serviceClusterIpRange,
      kindValidation: options.kindValidation,
      log,
    });
    const url = await server.start();
    const host = options.bindAddress === undefined || options.bindAddress === '0.0.0.0' ? '127.0.0.1' : options.bindAddress;
    const serverUrl = `https://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    const kubeconfigPath = path.join(options.dataDir, 'kubeconfig');
    writeKubeconfig(kubeconfigPath, {
      server: serverUrl,
      certificateAuthorityPem: pki.ca.certificatePem,
      clientCertificatePem: pki.admin.certificatePem,
      clientKeyPem: pki.admin.privateKeyPem,
    });
    const started = server;
    return {
      server: started,
      store,
      url,
      kubeconfigPath,
      dataDir: options.dataDir,
      clusterCa: { certificatePem: pki.ca.certificatePem, privateKeyPem: pki.ca.privateKeyPem },
      async stop() {
        await started.stop();
        await store.close();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => {});
    await store.close();
    throw error;
  }
}

async function openStore(options: ControlPlaneOptions, log: (message: string) => void): Promise<Store> {
  if (options.etcdServers && options.etcdServers.length > 0) {
    return openEtcdStore({ endpoints: [...options.etcdServers], logger: log });
  }
  return openSqliteStore({ path: path.join(options.dataDir, 'store.db'), durability: options.durability });
}
