// Reading a PKCS#10 certificate request (RFC 2986): the subject's common name and
// organizations, the public key, and the subjectAltNames of its extension request. What
// a signer needs to issue the certificate asked for; checking the request's signature is
// the API server's validation's job (src/api/validation/certificates).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { DerError, objectIdentifier, readChildren, readElement, readSingle, Tags, type DerElement } from './der.js';
import { CertificateRequestError } from './errors.js';

/** What a request asks to be certified. */
export interface CertificateRequestInfo {
  readonly commonName: string;
  readonly organizations: readonly string[];
  readonly publicKey: KeyObject;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly emailAddresses: readonly string[];
  readonly uris: readonly string[];
}

const OIDS = {
  commonName: objectIdentifier('2.5.4.3'),
  organization: objectIdentifier('2.5.4.10'),
  extensionRequest: objectIdentifier('1.2.840.113549.1.9.14'),
  subjectAltName: objectIdentifier('2.5.29.17'),
};

/** GeneralName tags (context-specific, primitive) of RFC 5280 4.2.1.6. */
const GENERAL_NAME = { email: 0x81, dns: 0x82, uri: 0x86, ip: 0x87 } as const;
const CONTEXT_0_CONSTRUCTED = 0xa0;

/** Parses the first `CERTIFICATE REQUEST` PEM block of `pem`. Throws CertificateRequestError. */
export function parseCertificateRequest(pem: string): CertificateRequestInfo {
  const match = /-----BEGIN CERTIFICATE REQUEST-----\r?\n([\s\S]*?)-----END CERTIFICATE REQUEST-----/.exec(pem);
  if (match === null) throw new CertificateRequestError('no CERTIFICATE REQUEST PEM block');
  const der = Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64');
  try {
    return readRequest(der);
  } catch (error) {
    if (error instanceof DerError || error instanceof TypeError) throw new CertificateRequestError(error.message);
    throw error;
  }
}

function readRequest(der: Buffer): CertificateRequestInfo {
  const [info] = readChildren(readSingle(der, Tags.SEQUENCE));
  if (info === undefined) throw new DerError('no CertificationRequestInfo');
  const [, subject, spki, attributes] = readChildren(info);
  if (subject === undefined || spki === undefined) throw new DerError('no subject or public key');
  const names = readSubject(subject);
  const publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  const alt = attributes?.tag === CONTEXT_0_CONSTRUCTED ? readAltNames(attributes) : emptyAltNames();
  return { ...names, publicKey, ...alt };
}

/** CN (the last, as Go keeps it) and every O of a Name. */
function readSubject(name: DerElement): { commonName: string; organizations: string[] } {
  let commonName = '';
  const organizations: string[] = [];
  for (const rdn of readChildren(name)) {
    for (const attribute of readChildren(rdn)) {
      const [type, value] = readChildren(attribute);
      if (type === undefined || value === undefined) continue;
      if (type.raw.equals(OIDS.commonName)) commonName = value.content.toString('utf8');
      else if (type.raw.equals(OIDS.organization)) organizations.push(value.content.toString('utf8'));
    }
  }
  return { commonName, organizations };
}

interface AltNames {
  dnsNames: string[];
  ipAddresses: string[];
  emailAddresses: string[];
  uris: string[];
}

function emptyAltNames(): AltNames {
  return { dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [] };
}

/** The subjectAltName extension inside the extensionRequest attribute, if any. */
function readAltNames(attributes: DerElement): AltNames {
  const out = emptyAltNames();
  for (const attribute of readChildren(attributes)) {
    const [type, values] = readChildren(attribute);
    if (type === undefined || values === undefined || !type.raw.equals(OIDS.extensionRequest)) continue;
    for (const extensions of readChildren(values)) {
      for (const extension of readChildren(extensions)) {
        const parts = readChildren(extension);
        const value = parts[parts.length - 1];
        if (!parts[0]?.raw.equals(OIDS.subjectAltName) || value === undefined) continue;
        for (const generalName of readChildren(readElement(value.content))) addName(out, generalName);
      }
    }
  }
  return out;
}

function addName(out: AltNames, name: DerElement): void {
  switch (name.tag) {
    case GENERAL_NAME.dns:
      out.dnsNames.push(name.content.toString('latin1'));
      break;
    case GENERAL_NAME.email:
      out.emailAddresses.push(name.content.toString('latin1'));
      break;
    case GENERAL_NAME.uri:
      out.uris.push(name.content.toString('latin1'));
      break;
    case GENERAL_NAME.ip:
      out.ipAddresses.push(ipText(name.content));
      break;
  }
}

function ipText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) groups.push(((bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
