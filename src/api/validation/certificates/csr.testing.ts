// Test helper: PKCS#10 certificate signing requests built with node:crypto (a few DER
// encodings by hand), in the base64-of-PEM form a CSR's spec.request carries.

import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const COMMON_NAME_OID = Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]);
const ECDSA_SHA256_OID = Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]);

/** The DER of a request for `commonName`, signed by `signer` (its own key unless given another). */
function requestDer(commonName: string, key: { publicKey: KeyObject; privateKey: KeyObject }, signer: KeyObject): Buffer {
  const subject = sequence(tlv(0x31, sequence(COMMON_NAME_OID, tlv(0x0c, Buffer.from(commonName)))));
  const spki = key.publicKey.export({ type: 'spki', format: 'der' });
  const info = sequence(tlv(0x02, Buffer.from([0])), subject, spki, Buffer.from([0xa0, 0x00]));
  const signature = sign('sha256', info, { key: signer, dsaEncoding: 'der' });
  return sequence(info, sequence(ECDSA_SHA256_OID), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

function pem(type: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** spec.request of a valid CSR for `commonName`; `forged`: signed with another key. */
export function certificateRequest(commonName: string, forged = false): string {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = forged ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey : key.privateKey;
  return Buffer.from(pem('CERTIFICATE REQUEST', requestDer(commonName, key, signer))).toString('base64');
}

/** The same PEM armour around something that is no request. */
export function pemOf(type: string, content: string): string {
  return Buffer.from(pem(type, Buffer.from(content))).toString('base64');
}
