// Errors of certificate building and request parsing.

/** Thrown when asked to sign with a key type that has no signature algorithm here. */
export class UnsupportedKeyError extends Error {
  readonly code = 'UnsupportedKey';
  constructor(readonly keyType: string) {
    super(`cannot sign certificates with a ${keyType} key (supported: ec, rsa)`);
    this.name = 'UnsupportedKeyError';
  }
}

/** Thrown when a PKCS#10 certificate request cannot be read (not PEM, not DER, missing parts). */
export class CertificateRequestError extends Error {
  readonly code = 'CertificateRequest';
  constructor(readonly reason: string) {
    super(`cannot read the certificate request: ${reason}`);
    this.name = 'CertificateRequestError';
  }
}
