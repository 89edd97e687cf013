// The request of a CertificateSigningRequest: a PEM "CERTIFICATE REQUEST" block holding a
// PKCS#10 request whose signature verifies with its own public key (upstream's
// ParseCSR + CheckSignature). The messages are Go's where kubets can know them; Go's
// ASN.1 decoder's own texts are not reproduced.

import { createPublicKey, verify } from 'node:crypto';
import { bitString, children, DerError, oid, parseDer } from './der.js';

type Family = 'rsa' | 'ecdsa' | 'ed25519';

/** Signature algorithms Go verifies for requests: hash and key family. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, { hash: string | null; family: Family }>> = {
  '1.2.840.113549.1.1.5': { hash: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', family: 'rsa' },
  '1.2.840.10045.4.1': { hash: 'sha1', family: 'ecdsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', family: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', family: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', family: 'ecdsa' },
  '1.3.101.112': { hash: null, family: 'ed25519' },
};

/** Go's names of the key algorithms and of the key types, for its mismatch message. */
const ALGORITHM_NAMES: Readonly<Record<Family, string>> = { rsa: 'RSA', ecdsa: 'ECDSA', ed25519: 'Ed25519' };
const GO_KEY_TYPES: Readonly<Record<string, string>> = { rsa: '*rsa.PublicKey', ec: '*ecdsa.PublicKey', ed25519: 'ed25519.PublicKey' };

const VERIFICATION_FAILURE: Readonly<Record<Family, string>> = {
  rsa: 'crypto/rsa: verification error',
  ecdsa: 'x509: ECDSA verification failure',
  ed25519: 'x509: Ed25519 verification failure',
};

/** The DER bytes of the first PEM block of `pem`, when it is a certificate request. */
function requestDer(pem: string): Buffer | undefined {
  const match = /-----BEGIN ([^\n-]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (match?.[1] !== 'CERTIFICATE REQUEST') return undefined;
  const body = (match[2] ?? '').replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(body) ? Buffer.from(body, 'base64') : undefined;
}

function checkSignature(der: Buffer): string | undefined {
  const [info, algorithm, signature] = children(parseDer(der));
  if (info === undefined || algorithm === undefined || signature === undefined) throw new DerError('incomplete request');
  const [, , spki] = children(info);
  if (spki === undefined) throw new DerError('no public key');
  const [algorithmOid] = children(algorithm);
  if (algorithmOid === undefined) throw new DerError('no signature algorithm');
  const scheme = SIGNATURE_ALGORITHMS[oid(algorithmOid)];
  if (scheme === undefined) return 'x509: cannot verify signature: algorithm unimplemented';
  const key = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  const keyFamily = key.asymmetricKeyType === 'ec' ? 'ecdsa' : key.asymmetricKeyType;
  if (keyFamily !== scheme.family) {
    const goType = GO_KEY_TYPES[key.asymmetricKeyType ?? ''] ?? String(key.asymmetricKeyType);
    return `x509: signature algorithm specifies an ${ALGORITHM_NAMES[scheme.family]} public key, but have public key of type ${goType}`;
  }
  const ok = verify(scheme.hash, info.raw, scheme.family === 'ecdsa' ? { key, dsaEncoding: 'der' } : key, bitString(signature));
  return ok ? undefined : VERIFICATION_FAILURE[scheme.family];
}

/** What is wrong with a request (given as its base64 JSON form), or undefined when it is a validly signed CSR. */
export function certificateRequestError(requestBase64: string): string | undefined {
  const der = requestDer(Buffer.from(requestBase64, 'base64').toString('latin1'));
  if (der === undefined) return 'PEM block type must be CERTIFICATE REQUEST';
  try {
    return checkSignature(der);
  } catch (e) {
    if (e instanceof DerError) return `asn1: syntax error: ${e.message}`;
    // Node refuses the public key or signature: no valid request either.
    return 'x509: malformed certificate request';
  }
}
