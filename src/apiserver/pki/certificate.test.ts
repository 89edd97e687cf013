import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCertificate } from '../../machinery/x509/certificate.js';
import { UnsupportedKeyError } from '../../machinery/x509/errors.js';
import {
  CA_LIFETIME,
  certifiedKeyFromPem,
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  LEAF_LIFETIME,
} from './issue.js';
import { requireTool, temporaryDirectory } from '../../machinery/x509/testing.js';

const ca = createCertificateAuthority();
const serving = issueServingCertificate(ca, { names: ['localhost', '127.0.0.1', '::1', 'api.example.com', '10.96.0.1'] });
const admin = issueClientCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'] });
const HOUR = 3_600_000;

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

test('the CA is a self-signed CA certificate for ten years', () => {
  const cert = ca.certificate;
  assert.equal(cert.subject, 'CN=kubets-ca');
  assert.equal(cert.issuer, 'CN=kubets-ca');
  assert.equal(cert.ca, true);
  assert.ok(cert.verify(cert.publicKey));
  assert.ok(cert.checkPrivateKey(ca.privateKey));
  const lifetime = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
  assert.equal(lifetime, CA_LIFETIME + HOUR); // starts an hour early for clock skew
  assert.ok(Date.parse(cert.validFrom) < Date.now() - HOUR / 2);
  assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
});

test('the serving certificate names loopback in every form and the configured names', () => {
  const cert = serving.certificate;
  assert.equal(cert.subject, 'CN=kube-apiserver');
  assert.equal(cert.issuer, 'CN=kubets-ca');
  assert.equal(cert.ca, false);
  assert.ok(cert.verify(ca.certificate.publicKey));
  assert.ok(cert.checkIssued(ca.certificate));
  const san = cert.subjectAltName ?? '';
  for (const entry of ['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', 'DNS:api.example.com', 'IP Address:10.96.0.1']) {
    assert.ok(san.includes(entry), `${entry} in ${san}`);
  }
  assert.equal(cert.checkIP('::1'), '::1');
  assert.equal(cert.checkHost('api.example.com'), 'api.example.com');
  assert.equal(cert.checkHost('other.example.com'), undefined);
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']); // Node lists the extended key usages here
  assert.equal(Date.parse(cert.validTo) - Date.parse(cert.validFrom), LEAF_LIFETIME + HOUR);
});

test('client certificates carry the user as CN and the groups as O', () => {
  assert.equal(admin.certificate.subject, 'O=system:masters\nCN=kubernetes-admin');
  assert.deepEqual(admin.certificate.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.ok(admin.certificate.verify(ca.certificate.publicKey));
  const node = issueClientCertificate(ca, { commonName: 'system:node:n1', organizations: ['system:nodes', 'extra group'] });
  assert.equal(node.certificate.subject, 'O=system:nodes\nO=extra group\nCN=system:node:n1');
  assert.equal(node.certificate.subjectAltName, undefined);
});

test('serial numbers are random, 16 bytes and positive', () => {
  const serials = [serving, admin, ca].map((c) => c.certificate.serialNumber);
  assert.equal(new Set(serials).size, 3);
  for (const serial of serials) {
    assert.equal(serial.length, 32);
    assert.ok(parseInt(serial.slice(0, 2), 16) < 0x80);
  }
});

test('PEM round trip: PKCS#8 keys and certificates parse back', () => {
  assert.match(serving.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(serving.certificatePem, /^-----BEGIN CERTIFICATE-----\n/);
  const back = certifiedKeyFromPem(serving.certificatePem, serving.privateKeyPem);
  assert.ok(back.certificate.raw.equals(serving.certificate.raw));
  assert.ok(back.certificate.checkPrivateKey(back.privateKey));
});

test('a leaf never outlives its CA', () => {
  const old = createCertificateAuthority({ now: new Date(Date.now() - CA_LIFETIME + 30 * 24 * HOUR) });
  const leaf = issueClientCertificate(old, { commonName: 'late' });
  assert.equal(leaf.certificate.validTo, old.certificate.validTo);
});

test('OpenSSL verifies the chain, the purposes and shows every extension', (t) => {
  if (!requireTool(t, 'openssl')) return;
  const dir = temporaryDirectory(t);
  const file = (name: string, pem: string) => {
    writeFileSync(join(dir, name), pem);
    return join(dir, name);
  };
  const caFile = file('ca.crt', ca.certificatePem);
  const servingFile = file('apiserver.crt', serving.certificatePem);
  const adminFile = file('admin.crt', admin.certificatePem);
  assert.match(openssl('verify', '-CAfile', caFile, servingFile, adminFile), /apiserver.crt: OK\n.*admin.crt: OK/s);
  openssl('verify', '-CAfile', caFile, '-purpose', 'sslserver', servingFile);
  openssl('verify', '-CAfile', caFile, '-purpose', 'sslclient', adminFile);
  // The purposes are enforced: an admin certificate cannot serve.
  const wrong = spawnSync('openssl', ['verify', '-CAfile', caFile, '-purpose', 'sslserver', adminFile]);
  assert.notEqual(wrong.status, 0);

  const caText = openssl('x509', '-noout', '-text', '-in', caFile);
  assert.match(caText, /Basic Constraints: critical\s+CA:TRUE/);
  assert.match(caText, /Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
  assert.match(caText, /Signature Algorithm: ecdsa-with-SHA256/);
  const caKeyId = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)?.[1];
  assert.ok(caKeyId);

  const servingText = openssl('x509', '-noout', '-text', '-in', servingFile);
  assert.match(servingText, /Version: 3 \(0x2\)/);
  assert.match(servingText, /Basic Constraints: critical\s+CA:FALSE/);
  assert.match(servingText, /Key Usage: critical\s+Digital Signature, Key Encipherment/);
  assert.match(servingText, /Extended Key Usage:\s+TLS Web Server Authentication/);
  assert.match(servingText, /DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/);
  assert.match(servingText, /Subject Key Identifier:\s+[0-9A-F:]+/);
  assert.ok(servingText.includes(`Authority Key Identifier: \n                ${caKeyId}`), servingText);

  const adminText = openssl('x509', '-noout', '-text', '-in', adminFile);
  assert.match(adminText, /Subject: O = system:masters, CN = kubernetes-admin/);
  assert.match(adminText, /Key Usage: critical\s+Digital Signature\n/);
  assert.match(adminText, /Extended Key Usage:\s+TLS Web Client Authentication/);
});

test('dates from 2050 are GeneralizedTime, and OpenSSL reads them', (t) => {
  if (!requireTool(t, 'openssl')) return;
  const future = createCertificateAuthority({ now: new Date('2045-06-01T00:00:00Z') });
  assert.equal(new Date(future.certificate.validTo).getUTCFullYear(), 2055);
  const dir = temporaryDirectory(t);
  const caFile = join(dir, 'future.crt');
  writeFileSync(caFile, future.certificatePem);
  assert.match(openssl('asn1parse', '-in', caFile), /UTCTIME\s+:450531230000Z[\s\S]*GENERALIZEDTIME\s+:20550530000000Z/);
  const attime = String(Date.parse('2050-01-01T00:00:00Z') / 1000);
  openssl('verify', '-attime', attime, '-CAfile', caFile, caFile);
});

test('a CA made by OpenSSL signs too: issuer copied byte for byte, key id from its extension', (t) => {
  if (!requireTool(t, 'openssl')) return;
  const dir = temporaryDirectory(t);
  const [keyFile, certFile] = [join(dir, 'other.key'), join(dir, 'other.crt')];
  openssl(
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '30',
    '-subj', '/C=DE/O=Äcme/CN=Other CA', '-utf8',
    '-addext', 'subjectKeyIdentifier=01:02:03:04', '-addext', 'authorityKeyIdentifier=keyid:always', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign',
  );
  const other = certifiedKeyFromPem(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'));
  const leaf = issueServingCertificate(other, { names: ['localhost'] });
  const leafFile = join(dir, 'leaf.crt');
  writeFileSync(leafFile, leaf.certificatePem);
  openssl('verify', '-CAfile', certFile, '-purpose', 'sslserver', leafFile);
  const text = openssl('x509', '-noout', '-text', '-in', leafFile);
  assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
  assert.match(text, /Authority Key Identifier:\s+01:02:03:04\n/);
  const issuerTypes = openssl('x509', '-noout', '-issuer', '-nameopt', 'multiline,show_type', '-in', leafFile);
  assert.match(issuerTypes, /countryName\s+= PRINTABLESTRING:DE/);
  assert.match(issuerTypes, /organizationName\s+= UTF8STRING:\S+cme\n/);
  assert.match(issuerTypes, /commonName\s+= UTF8STRING:Other CA/);
});

test('an issuer key without a signature algorithm here is refused', () => {
  const ed = generateKeyPairSync('ed25519');
  const template = {
    subject: { commonName: 'x' },
    publicKey: ed.publicKey,
    notBefore: new Date(),
    notAfter: new Date(Date.now() + HOUR),
    isCa: true,
    keyUsage: ['keyCertSign'] as const,
    extKeyUsage: [],
  };
  assert.throws(() => buildCertificate(template, { privateKey: ed.privateKey }), UnsupportedKeyError);
  assert.throws(
    () => buildCertificate({ ...template, notAfter: template.notBefore }, { privateKey: ca.privateKey }),
    /end after it starts/,
  );
});

test('certificates for any subject key type, signed by our CA', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = buildCertificate(
    {
      subject: { commonName: 'rsa-subject', organizations: ['système'] },
      publicKey: rsa.publicKey,
      notBefore: new Date(),
      notAfter: new Date(Date.now() + HOUR),
      isCa: false,
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['clientAuth', 'serverAuth'],
    },
    ca,
  );
  assert.ok(new X509Certificate(cert.raw).verify(ca.certificate.publicKey));
  assert.equal(cert.subject, 'O=système\nCN=rsa-subject');
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1']);
});
