// Service account tokens as upstream issues and checks them: JWTs signed with the data
// directory's service account key, naming the account (and, when bound, a pod, secret or
// node) by name and uid. A token authenticates as `system:serviceaccount:<ns>:<name>`
// while it has not expired and every object it names still exists with the same uid.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../object.js';
import type { AuthenticatedUser } from '../pki/client-certificate-user.js';
import type { ServiceAccountKey } from '../pki/service-account-key.js';
import { keyIdOf, parseJwt, signRs256, verifyRs256 } from './jwt.js';

/** The issuer kubeadm configures, and the default audience of the API server. */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** Clock skew tolerated on exp and nbf, as go-jose's default leeway. */
const LEEWAY_SECONDS = 60;
const EXTRA = 'authentication.kubernetes.io/';

/** Reads the objects a token names; undefined when missing. Namespace '' for nodes. */
export type ObjectReader = (resource: 'serviceaccounts' | 'pods' | 'secrets' | 'nodes', namespace: string, name: string) => Promise<KubeObject | undefined>;

export interface ServiceAccountTokensOptions {
  readonly key: ServiceAccountKey;
  readonly read: ObjectReader;
  /** The `iss` of issued tokens; tokens of other issuers are not this authenticator's. */
  readonly issuer?: string;
  /** What the API server accepts tokens for when the token request names none (upstream --api-audiences). */
  readonly apiAudiences?: readonly string[];
  readonly now?: () => Date;
}

/** What a token may be bound to besides its service account. */
export interface BoundObjects {
  readonly pod?: KubeObject;
  readonly secret?: KubeObject;
  readonly node?: KubeObject;
}

export interface TokenToIssue {
  readonly serviceAccount: KubeObject;
  readonly audiences: readonly string[];
  readonly expirationSeconds: number;
  readonly bound: BoundObjects;
}

/** The outcome of checking a token that this issuer signed (or claims to have). */
export type TokenCheck =
  | { readonly ok: true; readonly user: AuthenticatedUser; readonly audiences: readonly string[] }
  | { readonly ok: false; readonly error: string };

interface Ref {
  name?: string;
  uid?: string;
}

interface KubernetesClaims {
  namespace?: string;
  serviceaccount?: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
}

export class ServiceAccountTokens {
  readonly issuer: string;
  readonly apiAudiences: readonly string[];
  private readonly keyId: string;
  private readonly now: () => Date;

  constructor(private readonly options: ServiceAccountTokensOptions) {
    this.issuer = options.issuer ?? DEFAULT_ISSUER;
    this.apiAudiences = options.apiAudiences ?? [this.issuer];
    this.keyId = keyIdOf(options.key.publicKey);
    this.now = options.now ?? (() => new Date());
  }

  /** Signs a token for the request; returns it with its expiry (RFC 3339, seconds). */
  issue(request: TokenToIssue): { token: string; expirationTimestamp: string } {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const exp = nowSeconds + request.expirationSeconds;
    const sa = request.serviceAccount.metadata;
    const kubernetes: KubernetesClaims = { namespace: sa.namespace, serviceaccount: refOf(request.serviceAccount) };
    const { pod, secret, node } = request.bound;
    if (pod) kubernetes.pod = refOf(pod);
    if (secret) kubernetes.secret = refOf(secret);
    if (node) kubernetes.node = refOf(node);
    const claims = {
      aud: [...request.audiences],
      exp,
      iat: nowSeconds,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': kubernetes,
      nbf: nowSeconds,
      sub: `system:serviceaccount:${sa.namespace ?? ''}:${sa.name ?? ''}`,
    };
    const token = signRs256(claims, this.options.key.privateKey, this.keyId);
    return { token, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /**
   * Checks a bearer token against `audiences` (default: the API server's). Undefined when
   * the token is not a JWT of this issuer (another authenticator may know it); otherwise
   * the user, or why the token is refused: a bad signature, no shared audience, expired or
   * not yet valid, or an account, pod, secret or node that is gone or was recreated.
   */
  async check(token: string, audiences: readonly string[] = this.apiAudiences): Promise<TokenCheck | undefined> {
    const jwt = parseJwt(token);
    if (jwt === undefined || jwt.claims.iss !== this.issuer) return undefined;
    if (!verifyRs256(jwt, this.options.key.publicKey)) return refuse('invalid signature');
    const claims = jwt.claims;
    const tokenAudiences = asAudiences(claims.aud);
    const shared = tokenAudiences.filter((a) => audiences.includes(a));
    if (shared.length === 0) return refuse(`token audiences ${goQuoted(tokenAudiences)} is invalid for the target audiences ${goQuoted(audiences)}`);
    const now = this.now().getTime() / 1000;
    if (typeof claims.exp === 'number' && now > claims.exp + LEEWAY_SECONDS) return refuse('service account token has expired');
    if (typeof claims.nbf === 'number' && now < claims.nbf - LEEWAY_SECONDS) return refuse('service account token is not valid yet');
    const kubernetes = (claims['kubernetes.io'] ?? {}) as KubernetesClaims;
    const problem = await this.boundObjectsProblem(kubernetes);
    if (problem !== undefined) return refuse(problem);
    return { ok: true, user: userOf(kubernetes, claims.jti), audiences: shared };
  }

  /** Why the objects the token names no longer vouch for it, or undefined when they do. */
  private async boundObjectsProblem(k: KubernetesClaims): Promise<string | undefined> {
    const namespace = k.namespace ?? '';
    const saRef = k.serviceaccount ?? {};
    const sa = await this.options.read('serviceaccounts', namespace, saRef.name ?? '');
    if (sa === undefined) return `serviceaccounts "${saRef.name ?? ''}" not found`;
    if (this.deletedAWhileAgo(sa)) return `service account ${namespace}/${saRef.name ?? ''} has been deleted`;
    if (sa.metadata.uid !== saRef.uid) return `service account UID (${sa.metadata.uid ?? ''}) does not match claim (${saRef.uid ?? ''})`;
    if (k.secret !== undefined) {
      const problem = await this.refProblem('secrets', namespace, k.secret, 'secret UID (%s) does not match service account secret ref claim (%s)');
      if (problem !== undefined) return problem;
    }
    if (k.pod !== undefined) return this.refProblem('pods', namespace, k.pod, 'pod UID (%s) does not match service account pod ref claim (%s)');
    // A pod-bound token names its node for information only; a node-bound one depends on it.
    if (k.node !== undefined) return this.refProblem('nodes', '', k.node, 'node UID (%s) does not match service account node ref claim (%s)');
    return undefined;
  }

  private async refProblem(resource: 'pods' | 'secrets' | 'nodes', namespace: string, ref: Ref, uidMessage: string): Promise<string | undefined> {
    const obj = await this.options.read(resource, namespace, ref.name ?? '');
    if (obj === undefined || this.deletedAWhileAgo(obj)) return 'service account token has been invalidated';
    if (obj.metadata.uid !== ref.uid) return uidMessage.replace('%s', obj.metadata.uid ?? '').replace('%s', ref.uid ?? '');
    return undefined;
  }

  /** Objects whose deletion began more than the leeway ago no longer vouch for tokens. */
  private deletedAWhileAgo(obj: KubeObject): boolean {
    const deleted = obj.metadata.deletionTimestamp;
    return deleted !== undefined && Date.parse(deleted) < this.now().getTime() - LEEWAY_SECONDS * 1000;
  }
}

function refuse(error: string): TokenCheck {
  return { ok: false, error };
}

function refOf(obj: KubeObject): Ref {
  return { name: obj.metadata.name, uid: obj.metadata.uid };
}

/** `aud` is a string or an array of strings (RFC 7519 4.1.3). */
function asAudiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** A string list as Go's %q prints it: ["a" "b"]. */
function goQuoted(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/** The user a valid token authenticates as, with upstream's groups and extra. */
function userOf(k: KubernetesClaims, jti: unknown): AuthenticatedUser {
  const namespace = k.namespace ?? '';
  const extra: Record<string, string[]> = {};
  if (k.pod?.name) extra[`${EXTRA}pod-name`] = [k.pod.name];
  if (k.pod?.uid) extra[`${EXTRA}pod-uid`] = [k.pod.uid];
  if (k.node?.name) extra[`${EXTRA}node-name`] = [k.node.name];
  if (k.node?.uid) extra[`${EXTRA}node-uid`] = [k.node.uid];
  if (typeof jti === 'string' && jti !== '') extra[`${EXTRA}credential-id`] = [`JTI=${jti}`];
  return {
    name: `system:serviceaccount:${namespace}:${k.serviceaccount?.name ?? ''}`,
    uid: k.serviceaccount?.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    extra,
  };
}
