import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { certificateRequest, pemOf } from './csr.testing.js';
import { certificateSigningRequestValidator as validator, validateCsrApprovalUpdate } from './csr.js';
import { messages } from '../validation.testing.js';
import { buildCertificate } from '../../../machinery/x509/certificate.js';

const REQUEST = certificateRequest('jane');
const KEYS = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const CERTIFICATE_PEM = buildCertificate(
  { subject: { commonName: 'jane' }, publicKey: KEYS.publicKey, notBefore: new Date(), notAfter: new Date(Date.now() + 3_600_000), isCa: false, keyUsage: ['digitalSignature'], extKeyUsage: ['clientAuth'] },
  { privateKey: KEYS.privateKey },
).toString();

const CSR: ApiObject = {
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name: 'jane' },
  spec: { request: REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] },
};

const check = (patch: Record<string, unknown>): string[] => createMessages(validator, patched(CSR, patch));

describe('CertificateSigningRequest validation', () => {
  it('accepts a validly signed request', () => {
    assert.deepEqual(check({}), []);
  });

  it('requires a PEM certificate request with a valid signature', () => {
    const notPem = Buffer.from('hello').toString('base64');
    assert.deepEqual(check({ spec: { request: notPem } }), [`spec.request: Invalid value: "${notPem}": PEM block type must be CERTIFICATE REQUEST`]);
    const forged = certificateRequest('jane', true);
    assert.deepEqual(check({ spec: { request: forged } }), [`spec.request: Invalid value: "${forged}": x509: ECDSA verification failure`]);
    const garbage = pemOf('CERTIFICATE REQUEST', 'not der');
    assert.equal(check({ spec: { request: garbage } }).length, 1);
  });

  it('checks usages', () => {
    assert.deepEqual(check({ spec: { usages: null } }), ['spec.usages: Required value']);
    const [unsupported, dup] = check({ spec: { usages: ['client auth', 'teleport', 'client auth'] } });
    assert.match(unsupported ?? '', /^spec\.usages\[1\]: Unsupported value: "teleport": supported values: "any", "cert sign", /);
    assert.equal(dup, 'spec.usages[2]: Duplicate value: "client auth"');
  });

  it('checks the signer name', () => {
    assert.deepEqual(check({ spec: { signerName: 'kubernetes.io/legacy-unknown' } }), [
      'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version',
    ]);
    assert.deepEqual(check({ spec: { signerName: 'signer' } }), [
      "spec.signerName: Invalid value: \"signer\": must be a fully qualified domain and path of the form 'example.com/signer-name'",
    ]);
    assert.deepEqual(check({ spec: { signerName: 'example/Signer' } }), [
      'spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots',
      "spec.signerName: Invalid value: \"Signer\": validating label \"Signer\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    assert.deepEqual(check({ spec: { signerName: '' } }), ['spec.signerName: Required value']);
  });

  it('checks expirationSeconds', () => {
    assert.deepEqual(check({ spec: { expirationSeconds: 599 } }), [
      'spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)',
    ]);
  });

  it('keeps accepting what a stored request already had', () => {
    const old = stored(patched(CSR, { spec: { signerName: 'kubernetes.io/legacy-unknown' } }));
    assert.deepEqual(updateMessages(validator, patched(old, { metadata: { labels: { a: 'b' } } }), old), []);
  });
});

describe('CertificateSigningRequest updates', () => {
  const old = stored(CSR);
  const approved = { type: 'Approved', status: 'True', reason: 'KubectlApprove', lastUpdateTime: '2026-01-01T00:00:00Z' };
  const denied = { type: 'Denied', status: 'True', reason: 'KubectlDeny', lastUpdateTime: '2026-01-01T00:00:00Z' };
  const withConditions = (...conditions: unknown[]): ApiObject => ({ ...stored(CSR), status: { conditions } });
  const approval = (next: ApiObject, prev: ApiObject) => messages(validateCsrApprovalUpdate(next, prev));
  const status = (next: ApiObject, prev: ApiObject) => messages(validator.validateStatusUpdate!(next, prev));

  it('Approved and Denied come only through approval, one of them, once', () => {
    assert.deepEqual(approval(withConditions(approved), old), []);
    assert.deepEqual(updateMessages(validator, withConditions(approved), old), ['status.conditions: Forbidden: updates may not add a condition of type "Approved"']);
    assert.deepEqual(status(withConditions(denied), old), ['status.conditions: Forbidden: updates may not add a condition of type "Denied"']);
    assert.deepEqual(approval(withConditions(approved, denied), withConditions(approved)), [
      'status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
    ]);
    assert.deepEqual(approval(withConditions(approved, approved), withConditions(approved)), ['status.conditions[1].type: Duplicate value: "Approved"']);
  });

  it('conditions are never removed, and changed only through approval', () => {
    assert.deepEqual(approval(withConditions(), withConditions(approved)), ['status.conditions: Forbidden: updates may not remove a condition of type "Approved"']);
    const changed = status(withConditions({ ...approved, reason: 'Other' }), withConditions(approved));
    assert.equal(changed.length, 1);
    assert.match(changed[0] ?? '', /^status\.conditions: Forbidden: updates may not modify a condition of type "Approved"\n- \[0\]\.reason: "KubectlApprove"\n\+ \[0\]\.reason: "Other"/);
  });

  it('the certificate is set once, through status only', () => {
    const certificate = Buffer.from(CERTIFICATE_PEM).toString('base64');
    const issued: ApiObject = { ...withConditions(approved), status: { conditions: [approved], certificate } };
    assert.deepEqual(status(issued, withConditions(approved)), []);
    assert.deepEqual(approval(issued, withConditions(approved)), ['status.certificate: Forbidden: updates may not set certificate content']);
    const other = { ...issued, status: { conditions: [approved], certificate: Buffer.from(CERTIFICATE_PEM + CERTIFICATE_PEM).toString('base64') } };
    assert.deepEqual(status(other, issued), ['status.certificate: Forbidden: updates may not modify existing certificate content']);
  });
});
