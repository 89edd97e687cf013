import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePki } from './data-dir.js';
import { PkiFileError } from './errors.js';
import { createCertificateAuthority, issueClientCertificate } from './issue.js';
import { temporaryDirectory } from '../../machinery/x509/testing.js';

const DAY = 24 * 3_600_000;
const FILES = ['admin.crt', 'admin.key', 'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'sa.key', 'sa.pub'];

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, 'pki', f), 'utf8')]));
}

function assertPkiFileError(fn: () => unknown, file: string, reason: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PkiFileError, String(error));
    assert.equal(error.file, file);
    assert.match(error.message, reason);
    assert.ok(error.message.startsWith(file));
    return true;
  });
}

test('first start creates the CA, serving and admin pairs, private to the owner', (t) => {
  const dataDir = temporaryDirectory(t);
  const pki = ensurePki(dataDir);
  assert.equal(pki.dir, join(dataDir, 'pki'));
  assert.deepEqual([...pki.written].sort(), FILES);
  assert.deepEqual(readdirSync(pki.dir).sort(), FILES); // no temporary files left behind
  assert.equal(statSync(pki.dir).mode & 0o777, 0o700);
  for (const key of ['ca.key', 'apiserver.key', 'admin.key', 'sa.key']) assert.equal(statSync(join(pki.dir, key)).mode & 0o777, 0o600);
  assert.equal(readFileSync(join(pki.dir, 'ca.crt'), 'utf8'), pki.ca.certificatePem);
  assert.ok(pki.apiserver.certificate.checkIssued(pki.ca.certificate));
  assert.equal(pki.admin.certificate.subject, 'O=system:masters\nCN=kubernetes-admin');
  assert.match(pki.apiserver.certificate.subjectAltName ?? '', /DNS:localhost.*IP Address:127.0.0.1.*IP Address:0:0:0:0:0:0:0:1/);
});

test('later starts reuse every file as it is', (t) => {
  const dataDir = temporaryDirectory(t);
  const first = ensurePki(dataDir, { extraNames: ['kubets.example'] });
  const before = snapshot(dataDir);
  const second = ensurePki(dataDir, { extraNames: ['kubets.example'] });
  assert.deepEqual(second.written, []);
  assert.deepEqual(snapshot(dataDir), before);
  assert.ok(second.ca.certificate.raw.equals(first.ca.certificate.raw));
  assert.equal(second.admin.privateKeyPem, first.admin.privateKeyPem);
  // Asking for fewer names than the certificate has is no reason to re-issue it.
  assert.deepEqual(ensurePki(dataDir).written, []);
});

test('a new name re-issues the serving certificate only, under the same CA', (t) => {
  const dataDir = temporaryDirectory(t);
  const first = ensurePki(dataDir);
  const before = snapshot(dataDir);
  const second = ensurePki(dataDir, { extraNames: ['api.kubets.example', '10.96.0.1', 'fd00::10'] });
  assert.deepEqual([...second.written].sort(), ['apiserver.crt', 'apiserver.key']);
  const after = snapshot(dataDir);
  for (const f of ['ca.crt', 'ca.key', 'admin.crt', 'admin.key']) assert.equal(after[f], before[f], f);
  const san = second.apiserver.certificate.subjectAltName ?? '';
  assert.match(san, /DNS:api.kubets.example/);
  assert.match(san, /IP Address:10.96.0.1/);
  assert.match(san, /IP Address:FD00:0:0:0:0:0:0:10/);
  assert.match(san, /DNS:localhost/);
  assert.ok(second.apiserver.certificate.verify(first.ca.certificate.publicKey));
});

test('leaves close to expiry, or from another CA, are re-issued; the CA is kept', (t) => {
  const dataDir = temporaryDirectory(t);
  const first = ensurePki(dataDir);
  const later = ensurePki(dataDir, { now: new Date(Date.now() + 300 * DAY) });
  assert.deepEqual([...later.written].sort(), ['admin.crt', 'admin.key', 'apiserver.crt', 'apiserver.key']);
  assert.ok(later.ca.certificate.raw.equals(first.ca.certificate.raw));
  assert.ok(Date.parse(later.admin.certificate.validTo) > Date.parse(first.admin.certificate.validTo));

  const stranger = issueClientCertificate(createCertificateAuthority(), { commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  writeFileSync(join(dataDir, 'pki', 'admin.crt'), stranger.certificatePem);
  writeFileSync(join(dataDir, 'pki', 'admin.key'), stranger.privateKeyPem);
  const fixed = ensurePki(dataDir);
  assert.deepEqual([...fixed.written].sort(), ['admin.crt', 'admin.key']);
  assert.ok(fixed.admin.certificate.verify(first.ca.certificate.publicKey));
});

test('a corrupt CA certificate is an error naming it, and stays untouched', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const caFile = join(dataDir, 'pki', 'ca.crt');
  writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
  assertPkiFileError(() => ensurePki(dataDir), caFile, /is not an X\.509 certificate in PEM.*remove the whole pki directory/);
  assert.match(readFileSync(caFile, 'utf8'), /not base64 at all/);
});

test('half a CA pair is an error: the other half is never replaced', (t) => {
  const dataDir = temporaryDirectory(t);
  const first = ensurePki(dataDir);
  const keyFile = join(dataDir, 'pki', 'ca.key');
  rmSync(keyFile);
  assertPkiFileError(() => ensurePki(dataDir), keyFile, /missing while .*ca\.crt exists/);
  assert.equal(readFileSync(join(dataDir, 'pki', 'ca.crt'), 'utf8'), first.ca.certificatePem);
});

test('a CA key that is not the certificate’s is an error', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const keyFile = join(dataDir, 'pki', 'ca.key');
  writeFileSync(keyFile, createCertificateAuthority().privateKeyPem);
  assertPkiFileError(() => ensurePki(dataDir), keyFile, /is not the private key of .*ca\.crt/);
});

test('an unreadable file is an error naming it', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const caKey = join(dataDir, 'pki', 'ca.key');
  rmSync(caKey);
  mkdirSync(caKey); // reading a directory fails whoever we run as
  assertPkiFileError(() => ensurePki(dataDir), caKey, /cannot be read: EISDIR/);
});

test('a corrupt leaf is an error too, with the way out', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const keyFile = join(dataDir, 'pki', 'apiserver.key');
  writeFileSync(keyFile, 'garbage');
  assertPkiFileError(() => ensurePki(dataDir), keyFile, /is not a private key in PEM.*remove apiserver\.crt and apiserver\.key/);
});

test('an expired CA, or a CA file that is no CA, is an error', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const caFile = join(dataDir, 'pki', 'ca.crt');
  assertPkiFileError(() => ensurePki(dataDir, { now: new Date(Date.now() + 11 * 365 * DAY) }), caFile, /expired on/);

  const other = temporaryDirectory(t);
  const leaf = issueClientCertificate(createCertificateAuthority(), { commonName: 'not-a-ca' });
  mkdirSync(join(other, 'pki'));
  writeFileSync(join(other, 'pki', 'ca.crt'), leaf.certificatePem);
  writeFileSync(join(other, 'pki', 'ca.key'), leaf.privateKeyPem);
  assertPkiFileError(() => ensurePki(other), join(other, 'pki', 'ca.crt'), /is not a CA certificate/);
});

test('the service account key is RSA, kept across starts, and its public half restored when lost', (t) => {
  const dataDir = temporaryDirectory(t);
  const first = ensurePki(dataDir);
  assert.equal(first.serviceAccountKey.privateKey.asymmetricKeyType, 'rsa');
  const pubFile = join(dataDir, 'pki', 'sa.pub');
  rmSync(pubFile);
  const second = ensurePki(dataDir);
  assert.deepEqual(second.written, ['sa.pub']);
  assert.ok(second.serviceAccountKey.publicKey.equals(first.serviceAccountKey.publicKey));
  assert.match(readFileSync(pubFile, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
});

test('a service account key that is not RSA is an error naming it, and stays untouched', (t) => {
  const dataDir = temporaryDirectory(t);
  ensurePki(dataDir);
  const keyFile = join(dataDir, 'pki', 'sa.key');
  const ecKey = createCertificateAuthority().privateKeyPem;
  writeFileSync(keyFile, ecKey);
  assertPkiFileError(() => ensurePki(dataDir), keyFile, /is a ec key, service account tokens need RSA/);
  assert.equal(readFileSync(keyFile, 'utf8'), ecKey);
});
