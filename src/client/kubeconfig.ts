// Reading a kubeconfig file into what a client needs to connect: the server, the
// credentials (client certificate and key, bearer token or token file) and how to trust
// the server (CA, tls-server-name, insecure-skip-tls-verify). Writing one is the
// control plane's business (src/apiserver/pki); this is the reading half, owned here
// because every client component needs it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** Where and as whom a client connects, as one context of a kubeconfig says. */
export interface KubeconfigTarget {
  readonly contextName: string;
  readonly server: string;
  /** The context's namespace, `default` when it names none. */
  readonly namespace: string;
  readonly certificateAuthorityPem?: string;
  readonly insecureSkipTlsVerify: boolean;
  /** Name to verify the server's certificate against, when not the server URL's host. */
  readonly tlsServerName?: string;
  readonly clientCertificatePem?: string;
  readonly clientKeyPem?: string;
  readonly token?: string;
}

/** Thrown when a kubeconfig cannot be read, is not valid, or lacks what the chosen context needs. */
export class KubeconfigError extends Error {
  readonly code = 'Kubeconfig';
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`kubeconfig ${file}: ${reason}`, options);
    this.name = 'KubeconfigError';
  }
}

/**
 * Reads `context` (default: the file's current-context) of the kubeconfig at `file`.
 * File references (certificate-authority, client-certificate, client-key, tokenFile)
 * are resolved against the kubeconfig's directory and read; `-data` fields win over
 * them, as in kubectl. Throws KubeconfigError naming the file and what is wrong.
 */
export function loadKubeconfig(file: string, context?: string): KubeconfigTarget {
  const config = asRecord(file, 'the document', parseYaml(file));
  const contextName = context ?? optionalString(file, 'current-context', config['current-context']);
  if (!contextName) throw new KubeconfigError(file, 'no context given and no current-context set');
  const ctx = findNamed(file, config, 'contexts', 'context', contextName);
  const clusterName = requiredString(file, `context ${contextName}: cluster`, ctx['cluster']);
  const cluster = findNamed(file, config, 'clusters', 'cluster', clusterName);
  const userName = optionalString(file, `context ${contextName}: user`, ctx['user']);
  const user = userName ? findNamed(file, config, 'users', 'user', userName) : {};
  const material = (label: string, data: unknown, path: unknown) => readMaterial(file, label, data, path);
  const target: KubeconfigTarget = {
    contextName,
    server: requiredString(file, `cluster ${clusterName}: server`, cluster['server']),
    namespace: optionalString(file, `context ${contextName}: namespace`, ctx['namespace']) || 'default',
    certificateAuthorityPem: material('certificate-authority', cluster['certificate-authority-data'], cluster['certificate-authority']),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: optionalString(file, `cluster ${clusterName}: tls-server-name`, cluster['tls-server-name']),
    clientCertificatePem: material('client-certificate', user['client-certificate-data'], user['client-certificate']),
    clientKeyPem: material('client-key', user['client-key-data'], user['client-key']),
    token: optionalString(file, 'token', user['token']) ?? readTokenFile(file, user['tokenFile']),
  };
  if ((target.clientCertificatePem === undefined) !== (target.clientKeyPem === undefined)) {
    throw new KubeconfigError(file, `user ${userName ?? ''} has a client certificate or a client key, but not both`);
  }
  return target;
}

function parseYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KubeconfigError(file, `cannot be read: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parse(text);
  } catch (error) {
    throw new KubeconfigError(file, `is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

/** The inner object of the entry called `name` in a named list (`clusters: [{name, cluster}]`). */
function findNamed(file: string, config: Record<string, unknown>, list: string, field: string, name: string): Record<string, unknown> {
  const entries = config[list] ?? [];
  if (!Array.isArray(entries)) throw new KubeconfigError(file, `${list} is not a list`);
  for (const entry of entries as unknown[]) {
    const record = asRecord(file, `an entry of ${list}`, entry);
    if (record['name'] === name) return asRecord(file, `${field} ${name}`, record[field] ?? {});
  }
  throw new KubeconfigError(file, `${field} "${name}" not found`);
}

/** Certificate or key material: inline base64 data, else a file relative to the kubeconfig. */
function readMaterial(file: string, label: string, data: unknown, path: unknown): string | undefined {
  const inline = optionalString(file, `${label}-data`, data);
  if (inline) return Buffer.from(inline, 'base64').toString('utf8');
  const reference = optionalString(file, label, path);
  return reference ? readReferenced(file, label, reference) : undefined;
}

function readTokenFile(file: string, path: unknown): string | undefined {
  const reference = optionalString(file, 'tokenFile', path);
  return reference ? readReferenced(file, 'tokenFile', reference).trim() : undefined;
}

function readReferenced(file: string, label: string, reference: string): string {
  const target = resolve(dirname(file), reference);
  try {
    return readFileSync(target, 'utf8');
  } catch (error) {
    throw new KubeconfigError(file, `${label} ${target} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function asRecord(file: string, what: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KubeconfigError(file, `${what} is not a mapping`);
  }
  return value as Record<string, unknown>;
}

function optionalString(file: string, what: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new KubeconfigError(file, `${what} is not a string`);
  return value;
}

function requiredString(file: string, what: string, value: unknown): string {
  const text = optionalString(file, what, value);
  if (!text) throw new KubeconfigError(file, `${what} is missing`);
  return text;
}
