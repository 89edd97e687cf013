// Authentication by client certificate, as upstream's x509 authenticator does it: a
// certificate the TLS layer verified against the client CA names the user in its common
// name and the groups in its organizations.
import type { TLSSocket } from 'node:tls';

/** Who a request comes from, as authentication found out. */
export interface AuthenticatedUser {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  /** Extra attributes (a service account token's pod and credential id). */
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The user a TLS connection's client certificate names, or undefined when the peer sent
 * none, when the TLS layer could not verify it against the server's `ca` (`authorized`
 * false: another CA, expired, not for client authentication), or when it has no common
 * name. The server must be created with `requestCert: true` and the client CA as `ca`;
 * with `rejectUnauthorized: false` connections without a valid certificate stay open so
 * that other authenticators (bearer tokens) can still run. Takes any object with the
 * socket's `authorized` and `getPeerCertificate`, so the HTTP/2 compatibility layer's
 * socket proxy serves as well as a TLSSocket.
 */
export function userFromClientCertificate(
  socket: Pick<TLSSocket, 'authorized' | 'getPeerCertificate'>,
): AuthenticatedUser | undefined {
  if (!socket.authorized) return undefined;
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[] | undefined> | undefined;
  // Several CNs: the last one, as Go's certificate parser keeps it.
  const commonName = asList(subject?.['CN']).at(-1);
  if (!commonName) return undefined;
  return { name: commonName, groups: asList(subject?.['O']) };
}

/** Node gives one value as a string and several of the same attribute as an array. */
function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
