// Builds and signs X.509 v3 certificates (RFC 5280). node:crypto generates keys, signs
// bytes and parses certificates, but cannot assemble one; this file writes the
// TBSCertificate in DER, signs it with the issuer's key and wraps the result.
import { createHash, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  ia5String,
  implicit,
  integer,
  isPrintable,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  printableString,
  readChildren,
  readElement,
  readSingle,
  sequence,
  set,
  Tags,
  time,
  utf8String,
} from './der.js';
import { UnsupportedKeyError } from './errors.js';
import { ipAddressBytes } from './ip-address.js';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** The keyUsage bits kubets sets, with their bit numbers from RFC 5280 4.2.1.3. */
const KEY_USAGE_BITS = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;
export type KeyUsage = keyof typeof KEY_USAGE_BITS;
export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

/** A subject: one common name and any number of organizations (Kubernetes groups). */
export interface DistinguishedName {
  readonly commonName: string;
  readonly organizations?: readonly string[];
}

/** What to certify. The builder adds the key identifiers and the issuer itself. */
export interface CertificateTemplate {
  readonly subject: DistinguishedName;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa: boolean;
  readonly keyUsage: readonly KeyUsage[];
  readonly extKeyUsage: readonly ExtendedKeyUsage[];
  /** DNS names and IP addresses in text form; each goes in as what its shape says it is. */
  readonly subjectAltNames?: readonly string[];
}

/** The certificate and key that sign; absent certificate: the template signs itself. */
export interface Signer {
  readonly certificate?: X509Certificate;
  readonly privateKey: KeyObject;
}

/**
 * Assembles the certificate described by `template` and signs it with `signer`'s key.
 * The serial number is 16 random bytes. The issuer name is copied byte for byte from the
 * signer's certificate, and the authority key identifier from its subject key
 * identifier, so that verifiers chain the two whatever tool made the CA.
 */
export function buildCertificate(template: CertificateTemplate, signer: Signer): X509Certificate {
  if (template.notAfter.getTime() <= template.notBefore.getTime()) {
    throw new RangeError('a certificate must end after it starts');
  }
  const algorithm = signatureAlgorithm(signer.privateKey);
  const spki = template.publicKey.export({ type: 'spki', format: 'der' });
  const subject = encodeName(template.subject);
  const issuer = signer.certificate ? subjectOf(signer.certificate) : subject;
  const authorityKeyId = signer.certificate ? subjectKeyIdOf(signer.certificate) : undefined;
  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(randomSerial()),
    algorithm.identifier,
    issuer,
    sequence(time(template.notBefore), time(template.notAfter)),
    subject,
    spki,
    explicit(3, sequence(...extensions(template, keyIdentifier(spki), authorityKeyId))),
  );
  const signature = sign(algorithm.hash, tbs, signer.privateKey);
  return new X509Certificate(sequence(tbs, algorithm.identifier, bitString(signature)));
}

/** PEM of a private key, PKCS#8 ("BEGIN PRIVATE KEY"), which Go, OpenSSL and Node all read. */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function signatureAlgorithm(key: KeyObject): { identifier: Buffer; hash: string } {
  switch (key.asymmetricKeyType) {
    case 'ec':
      // RFC 5758: the ECDSA identifiers carry no parameters at all.
      return { identifier: sequence(objectIdentifier(OID.ecdsaWithSha256)), hash: 'sha256' };
    case 'rsa':
      return { identifier: sequence(objectIdentifier(OID.sha256WithRsa), nullValue()), hash: 'sha256' };
    default:
      throw new UnsupportedKeyError(key.asymmetricKeyType ?? key.type);
  }
}

/** Positive and always 16 bytes long: top bit clear, next bit set. */
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}

/**
 * Organizations first, then the common name, one attribute per RDN, as Go and OpenSSL
 * order them. PrintableString where the text allows, UTF8String otherwise (Go's choice).
 */
function encodeName(name: DistinguishedName): Buffer {
  const attribute = (oid: string, value: string) =>
    set(sequence(objectIdentifier(oid), isPrintable(value) ? printableString(value) : utf8String(value)));
  return sequence(
    ...(name.organizations ?? []).map((o) => attribute(OID.organization, o)),
    attribute(OID.commonName, name.commonName),
  );
}

function extensions(template: CertificateTemplate, subjectKeyId: Buffer, authorityKeyId: Buffer | undefined): Buffer[] {
  const out: Buffer[] = [];
  // Like Go, no keyUsage extension at all when no usage is asked for (a CSR's "client auth" alone).
  if (template.keyUsage.length > 0) out.push(extension(OID.keyUsage, true, namedBits(template.keyUsage.map((u) => KEY_USAGE_BITS[u]))));
  if (template.extKeyUsage.length > 0) {
    out.push(extension(OID.extKeyUsage, false, sequence(...template.extKeyUsage.map((u) => objectIdentifier(OID[u])))));
  }
  out.push(extension(OID.basicConstraints, true, template.isCa ? sequence(boolean(true)) : sequence()));
  out.push(extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)));
  if (authorityKeyId) {
    out.push(extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, octetString(authorityKeyId)))));
  }
  const names = template.subjectAltNames ?? [];
  if (names.length > 0) out.push(extension(OID.subjectAltName, false, sequence(...names.map(generalName))));
  return out;
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  // DER leaves out a BOOLEAN that equals its DEFAULT (critical FALSE).
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

/** dNSName [2] or iPAddress [7], both IMPLICIT. */
function generalName(name: string): Buffer {
  const ip = ipAddressBytes(name);
  return ip ? implicit(7, octetString(ip)) : implicit(2, ia5String(name));
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
  const [, publicKeyBits] = readChildren(readSingle(spki, Tags.SEQUENCE));
  if (publicKeyBits?.tag !== Tags.BIT_STRING) throw new RangeError('SubjectPublicKeyInfo without a public key');
  return createHash('sha1').update(publicKeyBits.content.subarray(1)).digest();
}

/** The fields of a certificate's TBSCertificate, skipping the optional version. */
function tbsFields(certificate: X509Certificate) {
  const [tbs] = readChildren(readSingle(certificate.raw, Tags.SEQUENCE));
  if (!tbs) throw new RangeError('certificate without a TBSCertificate');
  const fields = readChildren(tbs);
  return fields[0]?.tag === Tags.CONTEXT_0_CONSTRUCTED ? fields.slice(1) : fields;
}

/** The subject Name exactly as encoded in the certificate. */
function subjectOf(certificate: X509Certificate): Buffer {
  const subject = tbsFields(certificate)[4];
  if (!subject) throw new RangeError('certificate without a subject');
  return subject.raw;
}

/** The certificate's subject key identifier, or one computed from its key when it has none. */
function subjectKeyIdOf(certificate: X509Certificate): Buffer {
  const wrapper = tbsFields(certificate).find((f) => f.tag === Tags.CONTEXT_3_CONSTRUCTED);
  const sequenceOf = wrapper ? readChildren(wrapper)[0] : undefined;
  const list = sequenceOf ? readChildren(sequenceOf) : [];
  const wanted = objectIdentifier(OID.subjectKeyIdentifier);
  for (const ext of list) {
    const parts = readChildren(ext);
    if (parts[0]?.raw.equals(wanted)) {
      const value = parts[parts.length - 1];
      if (value) return readElement(value.content).content;
    }
  }
  return keyIdentifier(certificate.publicKey.export({ type: 'spki', format: 'der' }));
}
