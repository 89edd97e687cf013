// The PKI of a data directory: DIR/pki/{ca,apiserver,admin}.{crt,key} and the service
// account signing key sa.{key,pub}. Created on first start, reused after. Leaves are
// re-issued when they no longer fit (names missing, a different CA, expiring); the CA
// never is: a CA file that cannot be used is an error for a person to resolve, because
// replacing it would silently invalidate every kubeconfig and certificate handed out
// before. The service account key is kept likewise (tokens depend on it).
import { chmodSync, mkdirSync } from 'node:fs';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readIfExists, writeAtomically } from './atomic-write.js';
import { PkiFileError } from './errors.js';
import {
  createCertificateAuthority,
  DEFAULT_SERVING_NAMES,
  issueClientCertificate,
  issueServingCertificate,
  type CertifiedKey,
} from './issue.js';
import { ipAddressBytes } from '../../machinery/x509/ip-address.js';
import { ensureServiceAccountKey, type ServiceAccountKey } from './service-account-key.js';

export interface EnsurePkiOptions {
  /** Names the serving certificate must carry besides DEFAULT_SERVING_NAMES (DNS names or IPs). */
  readonly extraNames?: readonly string[];
  /** The current time (tests). */
  readonly now?: Date;
}

/** The data directory's PKI, ready for the TLS server and the admin kubeconfig. */
export interface Pki {
  /** DIR/pki */
  readonly dir: string;
  readonly ca: CertifiedKey;
  /** The API server's serving certificate. */
  readonly apiserver: CertifiedKey;
  /** The admin's client certificate: CN kubernetes-admin, O system:masters. */
  readonly admin: CertifiedKey;
  /** The key service account tokens are signed with (sa.key, sa.pub). */
  readonly serviceAccountKey: ServiceAccountKey;
  /** File names (ca.crt, …) written by this call; empty when everything was reused. */
  readonly written: readonly string[];
}

export const ADMIN_USER = 'kubernetes-admin';
export const ADMIN_GROUP = 'system:masters';
/** A leaf with less than this left is re-issued at start, before anything starts failing. */
const RENEW_BEFORE = 90 * 24 * 3_600_000;

/**
 * Makes sure DIR/pki holds a usable CA, serving certificate and admin certificate, and
 * returns them. Creates what is missing (the directory 0700, keys 0600, each file written
 * to a temporary name and renamed, so that a crash leaves no half-written file), reuses
 * what fits, and re-issues a leaf whose names, issuer or remaining lifetime do not. Throws
 * PkiFileError naming the file when an existing file cannot be used; it never overwrites
 * a CA.
 */
export function ensurePki(dataDir: string, options: EnsurePkiOptions = {}): Pki {
  const now = options.now ?? new Date();
  const dir = join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const written: string[] = [];

  let ca = loadPair(dir, 'ca');
  if (ca) checkCa(dir, ca, now);
  else {
    ca = createCertificateAuthority({ now });
    writePair(dir, 'ca', ca, written);
  }

  const names = [...DEFAULT_SERVING_NAMES, ...(options.extraNames ?? [])];
  let apiserver = loadPair(dir, 'apiserver');
  if (!apiserver || !fits(apiserver, ca, now) || !coversNames(apiserver.certificate, names)) {
    apiserver = issueServingCertificate(ca, { names, now });
    writePair(dir, 'apiserver', apiserver, written);
  }

  let admin = loadPair(dir, 'admin');
  if (!admin || !fits(admin, ca, now)) {
    admin = issueClientCertificate(ca, { commonName: ADMIN_USER, organizations: [ADMIN_GROUP], now });
    writePair(dir, 'admin', admin, written);
  }
  const serviceAccountKey = ensureServiceAccountKey(dir, written);
  return { dir, ca, apiserver, admin, serviceAccountKey, written };
}

/**
 * Reads NAME.crt and NAME.key. Both absent: undefined. One absent, either unreadable or
 * not PEM of the right kind, or a key that is not the certificate's: PkiFileError.
 */
function loadPair(dir: string, name: string): CertifiedKey | undefined {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  const certificatePem = readIfExists(certFile);
  const privateKeyPem = readIfExists(keyFile);
  if (certificatePem === undefined && privateKeyPem === undefined) return undefined;
  if (certificatePem === undefined) throw new PkiFileError(certFile, `missing while ${keyFile} exists; ${advice(name)}`);
  if (privateKeyPem === undefined) throw new PkiFileError(keyFile, `missing while ${certFile} exists; ${advice(name)}`);
  const certificate = parse(certFile, name, () => new X509Certificate(certificatePem), 'an X.509 certificate in PEM');
  const privateKey: KeyObject = parse(keyFile, name, () => createPrivateKey(privateKeyPem), 'a private key in PEM');
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new PkiFileError(keyFile, `is not the private key of ${certFile}; ${advice(name)}`);
  }
  return { certificate, privateKey, certificatePem, privateKeyPem };
}


function parse<T>(file: string, name: string, read: () => T, what: string): T {
  try {
    return read();
  } catch (error) {
    throw new PkiFileError(file, `is not ${what} (${(error as Error).message}); ${advice(name)}`, { cause: error });
  }
}

function advice(name: string): string {
  return name === 'ca'
    ? 'restore the CA pair, or remove the whole pki directory to start a new CA (every kubeconfig and certificate it issued stops working)'
    : `remove ${name}.crt and ${name}.key to have them issued again`;
}

function checkCa(dir: string, ca: CertifiedKey, now: Date): void {
  const file = join(dir, 'ca.crt');
  if (!ca.certificate.ca) throw new PkiFileError(file, 'is not a CA certificate (basicConstraints CA:TRUE missing)');
  if (new Date(ca.certificate.validTo).getTime() <= now.getTime()) {
    throw new PkiFileError(file, `expired on ${ca.certificate.validTo}; ${advice('ca')}`);
  }
}

/** Whether a leaf was signed by this CA and has long enough to live. */
function fits(leaf: CertifiedKey, ca: CertifiedKey, now: Date): boolean {
  const signedByCa = leaf.certificate.checkIssued(ca.certificate) && leaf.certificate.verify(ca.certificate.publicKey);
  return signedByCa && new Date(leaf.certificate.validTo).getTime() - now.getTime() > RENEW_BEFORE;
}

function coversNames(certificate: X509Certificate, names: readonly string[]): boolean {
  return names.every((name) =>
    ipAddressBytes(name) ? certificate.checkIP(name) !== undefined : certificate.checkHost(name, { subject: 'never' }) !== undefined,
  );
}

function writePair(dir: string, name: string, pair: CertifiedKey, written: string[]): void {
  writeAtomically(join(dir, `${name}.key`), pair.privateKeyPem, 0o600);
  writeAtomically(join(dir, `${name}.crt`), pair.certificatePem, 0o644);
  written.push(`${name}.key`, `${name}.crt`);
}
