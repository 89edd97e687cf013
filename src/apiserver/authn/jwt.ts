// JSON Web Tokens (RFC 7519) in compact form, signed RS256 (RFC 7518 3.3): the format of
// service account tokens. Only what kubets issues is accepted back: three base64url parts,
// alg RS256.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** A token split into its parts; nothing in it is trusted until `verifyRs256` says so. */
export interface ParsedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  /** `base64url(header).base64url(claims)`: the bytes the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** The key id upstream derives from a public key: base64url of SHA-256 over its DER SPKI. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
}

/** Signs `claims` with an RSA private key; the header names `keyId` as `kid`. */
export function signRs256(claims: Readonly<Record<string, unknown>>, privateKey: KeyObject, keyId: string): string {
  const header = { alg: 'RS256', kid: keyId };
  const signingInput = `${encodePart(header)}.${encodePart(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Splits and decodes a compact JWT; undefined when it is not one (wrong shape, not JSON objects). */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart);
  const claims = decodePart(claimsPart);
  if (header === undefined || claims === undefined) return undefined;
  return { header, claims, signingInput: `${headerPart}.${claimsPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

/** Whether the token is RS256 and its signature verifies under `publicKey`. */
export function verifyRs256(jwt: ParsedJwt, publicKey: KeyObject): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  return verify('sha256', Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
