// Writing the admin kubeconfig: cluster, user and context all named `kubets`, credentials
// embedded as base64. Reading kubeconfigs is the client's (src/client/kubeconfig.ts).
import { stringify } from 'yaml';
import { writeAtomically } from './atomic-write.js';

/** What a written kubeconfig holds. */
export interface KubeconfigSpec {
  /** https://host:port */
  readonly server: string;
  readonly certificateAuthorityPem: string;
  readonly clientCertificatePem?: string;
  readonly clientKeyPem?: string;
  readonly token?: string;
  /** Name of the cluster, the user and the context (default `kubets`). */
  readonly name?: string;
  readonly namespace?: string;
}

/** Writes a kubeconfig readable only by its owner (it holds a private key or a token). */
export function writeKubeconfig(file: string, spec: KubeconfigSpec): void {
  const name = spec.name ?? 'kubets';
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const user: Record<string, string> = {};
  if (spec.clientCertificatePem !== undefined) user['client-certificate-data'] = base64(spec.clientCertificatePem);
  if (spec.clientKeyPem !== undefined) user['client-key-data'] = base64(spec.clientKeyPem);
  if (spec.token !== undefined) user['token'] = spec.token;
  const context: Record<string, string> = { cluster: name, user: name };
  if (spec.namespace !== undefined) context['namespace'] = spec.namespace;
  const document = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: spec.server, 'certificate-authority-data': base64(spec.certificateAuthorityPem) } }],
    users: [{ name, user }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  };
  writeAtomically(file, stringify(document), 0o600);
}
