import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificateRequest } from './certificate-request.js';
import { CertificateRequestError } from './errors.js';
import { requireTool, temporaryDirectory } from './testing.js';

test('reads subject, key and subjectAltNames of a request OpenSSL made', (t) => {
  if (!requireTool(t, 'openssl')) return;
  const dir = temporaryDirectory(t);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyFile = join(dir, 'k.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const san = 'subjectAltName=DNS:a.example,IP:10.0.0.1,IP:fd00::1,email:x@example.com,URI:spiffe://td/a';
  const pem = execFileSync('openssl', ['req', '-new', '-key', keyFile, '-subj', '/O=system:nodes/O=ops/CN=system:node:n1', '-addext', san], { encoding: 'utf8' });
  const request = parseCertificateRequest(pem);
  assert.equal(request.commonName, 'system:node:n1');
  assert.deepEqual(request.organizations, ['system:nodes', 'ops']);
  assert.ok(request.publicKey.equals(publicKey));
  assert.deepEqual(request.dnsNames, ['a.example']);
  assert.deepEqual(request.ipAddresses, ['10.0.0.1', 'fd00:0:0:0:0:0:0:1']);
  assert.deepEqual(request.emailAddresses, ['x@example.com']);
  assert.deepEqual(request.uris, ['spiffe://td/a']);
});

test('what is not a request is a CertificateRequestError', () => {
  assert.throws(() => parseCertificateRequest('hello'), CertificateRequestError);
  const garbage = '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n';
  assert.throws(() => parseCertificateRequest(garbage), CertificateRequestError);
});
