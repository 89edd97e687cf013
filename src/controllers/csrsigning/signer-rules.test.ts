import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { CertificateRequestInfo } from '../../machinery/x509/certificate-request.js';
import { buildCertificate } from '../../machinery/x509/certificate.js';
import { KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET, KUBELET_SERVING, SIGNER_RULES } from './signer-rules.js';
import { signRequest } from './sign.js';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const node = (extra: Partial<CertificateRequestInfo> = {}): CertificateRequestInfo => ({
  commonName: 'system:node:n1', organizations: ['system:nodes'], publicKey, dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [], ...extra,
});
const rule = (signer: string) => SIGNER_RULES[signer]!;

test('kube-apiserver-client signs client auth with optional signature and encipherment usages', () => {
  const client = rule(KUBE_APISERVER_CLIENT);
  assert.equal(client(node({ organizations: [] }), ['client auth', 'digital signature', 'key encipherment']), undefined);
  assert.equal(client(node(), ['digital signature']), 'missing required usage for client certificate: client auth');
  assert.equal(client(node(), ['client auth', 'server auth']), 'invalid usage for client certificate: server auth');
});

test('the kubelet client signer wants a node identity without names', () => {
  const kubelet = rule(KUBE_APISERVER_CLIENT_KUBELET);
  const usages = ['digital signature', 'key encipherment', 'client auth'];
  assert.equal(kubelet(node(), usages), undefined);
  assert.equal(kubelet(node(), ['client auth', 'digital signature']), undefined);
  assert.equal(kubelet(node({ organizations: ['system:nodes', 'x'] }), usages), 'subject organization is not system:nodes');
  assert.equal(kubelet(node({ dnsNames: ['n1'] }), usages), 'DNS subjectAltNames are not allowed');
  assert.equal(kubelet(node({ ipAddresses: ['10.0.0.1'] }), usages), 'IP subjectAltNames are not allowed');
  assert.equal(kubelet(node({ commonName: 'n1' }), usages), 'subject common name does not begin with system:node:');
  assert.equal(kubelet(node(), ['client auth']), 'usages did not match [client auth digital signature key encipherment]');
});

test('the kubelet serving signer wants a node identity with a DNS or IP name', () => {
  const serving = rule(KUBELET_SERVING);
  const usages = ['digital signature', 'key encipherment', 'server auth'];
  assert.equal(serving(node({ ipAddresses: ['10.0.0.1'] }), usages), undefined);
  assert.equal(serving(node(), usages), 'DNS or IP subjectAltName is required');
  assert.equal(serving(node({ dnsNames: ['n1'] }), ['server auth']), 'usages did not match [digital signature key encipherment server auth]');
});

test('a signed certificate carries the request and ends with the shorter of the durations and the CA', () => {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = new Date('2026-11-25T12:00:00Z');
  const caEnd = new Date('2026-12-25T12:00:00Z');
  const caCertificate = buildCertificate(
    { subject: { commonName: 'ca' }, publicKey: caKeys.publicKey, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: caEnd, isCa: true, keyUsage: ['keyCertSign'], extKeyUsage: [] },
    { privateKey: caKeys.privateKey },
  );
  const ca = { certificate: caCertificate, privateKey: caKeys.privateKey };
  const request = node({ ipAddresses: ['10.0.0.1'], dnsNames: ['n1.example'] });
  const short = new X509Certificate(signRequest(ca, request, { usages: ['digital signature', 'server auth'], expirationSeconds: 3600, now }));
  assert.ok(short.verify(caCertificate.publicKey));
  assert.equal(short.subject, 'O=system:nodes\nCN=system:node:n1');
  assert.equal(short.validFrom, 'Nov 25 11:55:00 2026 GMT');
  assert.equal(short.validTo, 'Nov 25 12:55:00 2026 GMT');
  assert.equal(short.subjectAltName, 'DNS:n1.example, IP Address:10.0.0.1');
  assert.deepEqual(short.keyUsage, ['1.3.6.1.5.5.7.3.1']);
  const long = new X509Certificate(signRequest(ca, request, { usages: ['client auth'], now }));
  assert.equal(Date.parse(long.validTo), caEnd.getTime());
});
