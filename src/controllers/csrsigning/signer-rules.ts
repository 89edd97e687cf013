// What each built-in signer agrees to sign (upstream's csrsigning isRecognized checks and
// capihelper's kubelet CSR validators), with upstream's messages. A request a signer
// handles but refuses is marked Failed with the message.

import type { CertificateRequestInfo } from '../../machinery/x509/certificate-request.js';

export const KUBE_APISERVER_CLIENT = 'kubernetes.io/kube-apiserver-client';
export const KUBE_APISERVER_CLIENT_KUBELET = 'kubernetes.io/kube-apiserver-client-kubelet';
export const KUBELET_SERVING = 'kubernetes.io/kubelet-serving';

/** Returns why the signer refuses the request, or undefined when it will sign it. */
type Rule = (request: CertificateRequestInfo, usages: readonly string[]) => string | undefined;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => new Set(a).size === new Set(b).size && a.every((u) => b.includes(u)) && b.every((u) => a.includes(u));

/** Client certificates for anyone: client auth, optionally digital signature and key encipherment. */
const apiServerClient: Rule = (_request, usages) => {
  for (const usage of usages) {
    if (usage !== 'digital signature' && usage !== 'key encipherment' && usage !== 'client auth') return `invalid usage for client certificate: ${usage}`;
  }
  return usages.includes('client auth') ? undefined : 'missing required usage for client certificate: client auth';
};

/** The organization check both kubelet signers start with. */
function nodeSubjectProblem(request: CertificateRequestInfo): string | undefined {
  if (request.organizations.length !== 1 || request.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  return undefined;
}

const kubeletClient: Rule = (request, usages) => {
  const subject = nodeSubjectProblem(request);
  if (subject !== undefined) return subject;
  if (request.dnsNames.length > 0) return 'DNS subjectAltNames are not allowed';
  if (request.emailAddresses.length > 0) return 'Email subjectAltNames are not allowed';
  if (request.ipAddresses.length > 0) return 'IP subjectAltNames are not allowed';
  if (request.uris.length > 0) return 'URI subjectAltNames are not allowed';
  if (!request.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  const full = ['client auth', 'digital signature', 'key encipherment'];
  if (!sameSet(usages, full) && !sameSet(usages, ['client auth', 'digital signature'])) return `usages did not match [${full.join(' ')}]`;
  return undefined;
};

const kubeletServing: Rule = (request, usages) => {
  const subject = nodeSubjectProblem(request);
  if (subject !== undefined) return subject;
  if (request.dnsNames.length === 0 && request.ipAddresses.length === 0) return 'DNS or IP subjectAltName is required';
  if (request.emailAddresses.length > 0) return 'Email subjectAltNames are not allowed';
  if (request.uris.length > 0) return 'URI subjectAltNames are not allowed';
  const full = ['digital signature', 'key encipherment', 'server auth'];
  if (!sameSet(usages, full) && !sameSet(usages, ['digital signature', 'server auth'])) return `usages did not match [${full.join(' ')}]`;
  if (!request.commonName.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  return undefined;
};

/** The signers this controller serves, by signerName. */
export const SIGNER_RULES: Readonly<Record<string, Rule>> = {
  [KUBE_APISERVER_CLIENT]: apiServerClient,
  [KUBE_APISERVER_CLIENT_KUBELET]: kubeletClient,
  [KUBELET_SERVING]: kubeletServing,
};
