// Bearer token authentication: the static tokens of --token-auth-file, then service
// account tokens, as upstream's union of token authenticators tries them in turn. Used for
// requests' Authorization headers and for TokenReview.
import type { AuthenticatedUser } from '../pki/client-certificate-user.js';
import type { ServiceAccountTokens, TokenCheck } from './service-account-tokens.js';

/** Authenticates bearer tokens. */
export interface TokenAuthenticator {
  /**
   * Who `token` authenticates, for `audiences` (default: the API server's). Undefined when
   * no authenticator knows the token; `ok: false` when one knows it and refuses it (expired,
   * bound object gone, wrong audience). Never throws for a bad token.
   */
  authenticate(token: string, audiences?: readonly string[]): Promise<TokenCheck | undefined>;
  /** The audiences the API server itself accepts tokens for. */
  readonly apiAudiences: readonly string[];
}

export function bearerTokenAuthenticator(
  staticTokens: ReadonlyMap<string, AuthenticatedUser> | undefined,
  serviceAccountTokens: ServiceAccountTokens | undefined,
): TokenAuthenticator {
  const apiAudiences = serviceAccountTokens?.apiAudiences ?? [];
  return {
    apiAudiences,
    async authenticate(token, audiences = apiAudiences) {
      const user = staticTokens?.get(token);
      // Static tokens know no audience: they are good for whatever the caller asked.
      if (user !== undefined) return { ok: true, user, audiences };
      return serviceAccountTokens?.check(token, audiences);
    },
  };
}
