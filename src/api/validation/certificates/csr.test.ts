import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { createMessages, patched, stored, updateMessages } from '../validation.testing.js';
import { certificateRequest, pemOf } from './csr.testing.js';
import { certificateSigningRequestValidator as validator } from './csr.js';

const REQUEST = certificateRequest('jane');

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
