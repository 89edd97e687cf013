// The etcd backend of the Store: see README.md.
export { openEtcdStore } from './open.js';
export type { EtcdStoreOptions, EtcdTlsOptions, PemSource } from './options.js';
