// The key service account tokens are signed with: DIR/pki/sa.key (RSA, PKCS#8 PEM) and
// its public half DIR/pki/sa.pub (SPKI PEM), as kubeadm lays them out. Tokens are JWTs
// signed RS256, which is why this key is RSA while the certificates use P-256. Like the
// CA, an existing key is never replaced: every token handed out depends on it.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readIfExists, writeAtomically } from './atomic-write.js';
import { PkiFileError } from './errors.js';

/** The signing key of service account tokens. */
export interface ServiceAccountKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const RSA_BITS = 2048;

/**
 * Loads DIR/sa.key, or creates it (0600) when absent; writes sa.pub when it is missing.
 * Appends the names of written files to `written`. Throws PkiFileError when sa.key cannot
 * be read, is not a PEM private key, or is not RSA.
 */
export function ensureServiceAccountKey(dir: string, written: string[]): ServiceAccountKey {
  const keyFile = join(dir, 'sa.key');
  const pubFile = join(dir, 'sa.pub');
  let pem = readIfExists(keyFile);
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: RSA_BITS });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeAtomically(keyFile, pem, 0o600);
    written.push('sa.key');
  }
  const privateKey = parsePrivateKey(keyFile, pem);
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (readIfExists(pubFile) !== publicPem) {
    // The public half is derived, so rewriting it loses nothing.
    writeAtomically(pubFile, publicPem, 0o644);
    written.push('sa.pub');
  }
  return { privateKey, publicKey };
}

function parsePrivateKey(file: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new PkiFileError(file, `is not a private key in PEM (${(error as Error).message}); ${ADVICE}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'rsa') throw new PkiFileError(file, `is a ${key.asymmetricKeyType ?? 'unknown'} key, service account tokens need RSA; ${ADVICE}`);
  return key;
}

const ADVICE = 'restore it, or remove sa.key and sa.pub to have a new one made (every service account token issued before stops working)';

