// Errors of the PKI and of the authentication files. Each names the file at fault, for a
// person starting the server to read and act on.

/** Base class: every error this folder throws on purpose. */
export abstract class PkiError extends Error {
  abstract readonly code: string;
}

/**
 * Thrown when a file of the data directory's PKI exists but cannot be used: unreadable,
 * not PEM, the wrong kind of content, a key that does not match its certificate, a CA
 * that is not a CA or has expired, or one half of the CA pair missing. Such a file is
 * never overwritten: the person who owns it decides.
 */
export class PkiFileError extends PkiError {
  readonly code = 'PkiFile';
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** Thrown when a --token-auth-file cannot be read or has a malformed line. */
export class TokenFileError extends PkiError {
  readonly code = 'TokenFile';
  constructor(
    readonly file: string,
    /** 1-based line of the offending record; absent when the file could not be read. */
    readonly line: number | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(line === undefined ? `token file ${file}: ${reason}` : `token file ${file}, line ${line}: ${reason}`, options);
  }
}
