// What every resource handler receives: the parsed request, the endpoint it addresses,
// and the representation the client asked for.

import type { ResourceRequestInfo } from '../request-info.js';
import type { Endpoint, Registry } from '../registry/registry.js';
import type { AuthenticatedUser } from '../pki/client-certificate-user.js';
import type { GenericStore } from '../registry/generic-store.js';
import type { IncomingRequest } from '../http/body.js';
import type { OutputChoice } from '../http/negotiate.js';
import type { Response } from '../http/respond.js';
import type { ServiceAccountTokens } from '../authn/service-account-tokens.js';
import type { TokenAuthenticator } from '../authn/bearer-tokens.js';

export interface HandlerContext {
  readonly req: IncomingRequest;
  readonly res: Response;
  readonly info: ResourceRequestInfo;
  readonly query: URLSearchParams;
  readonly endpoint: Endpoint;
  /** Who is asking, as authentication found out. */
  readonly user: AuthenticatedUser;
  /** Every resource's store, for handlers that touch other kinds (eviction reads PDBs). */
  readonly registry: Registry;
  /** The endpoint's store (handlers of stored resources only). */
  readonly store: GenericStore;
  readonly output: OutputChoice;
  /** Warnings for the `Warning` response header (299 "-" "text"). */
  readonly warnings: string[];
  /** Resolves when the server shuts down, so that long requests (watches) end. */
  readonly shutdown: Promise<void>;
  /** Watches without timeoutSeconds last between this and twice this (upstream's --min-request-timeout). */
  readonly minRequestTimeoutSeconds: number;
  /** Issues and checks service account tokens (TokenRequest, TokenReview); absent without a signing key. */
  readonly serviceAccountTokens?: ServiceAccountTokens;
  /** Authenticates bearer tokens (TokenReview asks it). */
  readonly tokenAuthenticator?: TokenAuthenticator;
}

/** Records warnings for the client; they go out as `Warning: 299 - "text"` headers. */
export function addWarnings(ctx: HandlerContext, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  ctx.warnings.push(...warnings);
  if (!ctx.res.headersSent) ctx.res.setHeader('Warning', ctx.warnings.map((w) => `299 - ${JSON.stringify(w)}`));
}

/** `dryRun=All` (the only value upstream accepts besides none). */
export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

/** apiVersion string of the endpoint's group/version. */
export function apiVersionOf(endpoint: Endpoint): string {
  const { group, version } = endpoint.info;
  return group === '' ? version : `${group}/${version}`;
}
