// The three kinds of certificate kubets issues: its CA, the API server's serving
// certificate, and client certificates (the admin's, and later those of the scheduler,
// the controller manager and the nodes). Each fixes lifetime, key usage and names.
import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { buildCertificate, privateKeyPem, type CertificateTemplate } from '../../machinery/x509/certificate.js';

/** A certificate with its private key, parsed and as PEM (what TLS options and files take). */
export interface CertifiedKey {
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Options every issuing function takes. */
export interface IssueOptions {
  /** The current time; injected so that tests can issue in the past or far future. */
  readonly now?: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Certificates start an hour early, so that a peer whose clock lags still accepts them. */
const CLOCK_SKEW = HOUR;
export const CA_LIFETIME = 3650 * DAY;
export const LEAF_LIFETIME = 365 * DAY;

/** The names every serving certificate carries: loopback, and the in-cluster service names. */
export const DEFAULT_SERVING_NAMES: readonly string[] = [
  'localhost',
  '127.0.0.1',
  '::1',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

/** A self-signed CA on a fresh P-256 key, valid for ten years. */
export function createCertificateAuthority(options: IssueOptions & { readonly commonName?: string } = {}): CertifiedKey {
  const now = options.now ?? new Date();
  const keys = newKeyPair();
  const certificate = buildCertificate(
    {
      subject: { commonName: options.commonName ?? 'kubets-ca' },
      publicKey: keys.publicKey,
      notBefore: new Date(now.getTime() - CLOCK_SKEW),
      notAfter: new Date(now.getTime() + CA_LIFETIME),
      isCa: true,
      keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'],
      extKeyUsage: [],
    },
    { privateKey: keys.privateKey },
  );
  return certifiedKey(certificate, keys.privateKey);
}

/** A serving certificate for `names` (DNS names and IP addresses), signed by `ca`. */
export function issueServingCertificate(
  ca: CertifiedKey,
  options: IssueOptions & { readonly commonName?: string; readonly names: readonly string[] },
): CertifiedKey {
  return issueLeaf(ca, options.now, {
    subject: { commonName: options.commonName ?? 'kube-apiserver' },
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: ['serverAuth'],
    subjectAltNames: [...new Set(options.names)],
  });
}

/**
 * A client certificate signed by `ca`. The API server reads the common name as the user
 * name and each organization as a group (`system:masters` is the admin group).
 */
export function issueClientCertificate(
  ca: CertifiedKey,
  options: IssueOptions & { readonly commonName: string; readonly organizations?: readonly string[] },
): CertifiedKey {
  return issueLeaf(ca, options.now, {
    subject: { commonName: options.commonName, organizations: options.organizations ?? [] },
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['clientAuth'],
  });
}

/** Parses a PEM certificate and PEM private key into a CertifiedKey (no checks that they match). */
export function certifiedKeyFromPem(certificatePem: string, keyPem: string): CertifiedKey {
  return certifiedKey(new X509Certificate(certificatePem), createPrivateKey(keyPem));
}

type LeafProfile = Pick<CertificateTemplate, 'subject' | 'keyUsage' | 'extKeyUsage' | 'subjectAltNames'>;

function issueLeaf(ca: CertifiedKey, now: Date | undefined, profile: LeafProfile): CertifiedKey {
  const start = (now ?? new Date()).getTime();
  const keys = newKeyPair();
  // A leaf never outlives its CA: a verifier would reject it from that day on anyway.
  const caEnd = new Date(ca.certificate.validTo).getTime();
  const certificate = buildCertificate(
    {
      ...profile,
      publicKey: keys.publicKey,
      notBefore: new Date(start - CLOCK_SKEW),
      notAfter: new Date(Math.min(start + LEAF_LIFETIME, caEnd)),
      isCa: false,
    },
    ca,
  );
  return certifiedKey(certificate, keys.privateKey);
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function certifiedKey(certificate: X509Certificate, privateKey: KeyObject): CertifiedKey {
  return { certificate, privateKey, certificatePem: certificate.toString(), privateKeyPem: privateKeyPem(privateKey) };
}
