// Issuing the certificate an approved request asks for, from the cluster CA (upstream's
// csrsigning authority): the request's subject, key and DNS/IP names, the usages the
// request lists, valid from five minutes ago (clock skew) for the signing duration or the
// request's expirationSeconds if shorter, never past the CA's own end.

import type { KeyObject, X509Certificate } from 'node:crypto';
import { buildCertificate, type ExtendedKeyUsage, type KeyUsage } from '../../machinery/x509/certificate.js';
import type { CertificateRequestInfo } from '../../machinery/x509/certificate-request.js';

/** The CA that signs, as upstream's --cluster-signing-cert-file / --cluster-signing-key-file give it. */
export interface SigningAuthority {
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
}

const BACKDATE_MS = 5 * 60_000;
/** Upstream's --cluster-signing-duration default: one year. */
export const DEFAULT_SIGNING_DURATION_MS = 8760 * 3_600_000;

const KEY_USAGES: Readonly<Record<string, KeyUsage>> = { 'digital signature': 'digitalSignature', 'key encipherment': 'keyEncipherment' };
const EXT_KEY_USAGES: Readonly<Record<string, ExtendedKeyUsage>> = { 'client auth': 'clientAuth', 'server auth': 'serverAuth' };

export interface SignOptions {
  readonly usages: readonly string[];
  readonly expirationSeconds?: number;
  readonly now: Date;
  readonly durationMs?: number;
}

/** The PEM of the certificate for `request`, signed by `ca`. */
export function signRequest(ca: SigningAuthority, request: CertificateRequestInfo, options: SignOptions): string {
  const durationMs = Math.min(options.durationMs ?? DEFAULT_SIGNING_DURATION_MS, (options.expirationSeconds ?? Infinity) * 1000);
  const notBefore = new Date(options.now.getTime() - BACKDATE_MS);
  const caEnd = Date.parse(ca.certificate.validTo);
  const notAfter = new Date(Math.min(notBefore.getTime() + durationMs, caEnd));
  const certificate = buildCertificate(
    {
      subject: { commonName: request.commonName, organizations: request.organizations },
      publicKey: request.publicKey,
      notBefore,
      notAfter,
      isCa: false,
      keyUsage: options.usages.flatMap((u) => KEY_USAGES[u] ?? []),
      extKeyUsage: options.usages.flatMap((u) => EXT_KEY_USAGES[u] ?? []),
      subjectAltNames: [...request.dnsNames, ...request.ipAddresses],
    },
    ca,
  );
  return certificate.toString();
}
