// The API server: HTTPS (HTTP/2 and HTTP/1.1) in front of the registry. Authenticates
// every request (client certificate or bearer token; anonymous requests get 401), routes
// it, and shuts down cleanly: in-flight requests finish, watches end, the caches stop.

import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import * as errors from '../machinery/errors.js';
import type { Store } from '../storage/store.js';
import { writeError, type Response } from './http/respond.js';
import type { IncomingRequest } from './http/body.js';
import { Registry } from './registry/registry.js';
import { route } from './router.js';
import { nonResourceHandler, type VersionInfo } from './non-resource.js';
import { userFromClientCertificate, type AuthenticatedUser } from './pki/client-certificate-user.js';
import { validateStructure } from '../api/schema/index.js';
import { discoveryEndpoints } from './discovery/serve.js';
import { bootstrap } from './bootstrap.js';
import { parseCidr } from './services/cidr.js';
import { ServiceAllocator } from './services/allocator.js';
import { serviceHooks } from './services/service-hooks.js';
import { priorityAdmission, singleGlobalDefault } from './admission/priority.js';
import { reconcileKubernetesService } from './services/kubernetes-service.js';
import type { ServiceAccountKey } from './pki/service-account-key.js';
import { ServiceAccountTokens, type ObjectReader } from './authn/service-account-tokens.js';
import { bearerTokenAuthenticator, type TokenAuthenticator } from './authn/bearer-tokens.js';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

export interface TlsMaterial {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** The CA that signs client certificates (and, here, the serving certificate). */
  readonly clientCaPem: string;
}

export interface ApiServerOptions {
  readonly store: Store;
  readonly tls: TlsMaterial;
  readonly bindAddress?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Static bearer tokens (from --token-auth-file). */
  readonly tokens?: ReadonlyMap<string, AuthenticatedUser>;
  /** Signs service account tokens and checks them as bearer tokens; absent: neither is served. */
  readonly serviceAccountKey?: ServiceAccountKey;
  /** `iss` of service account tokens and the API server's audience (upstream --service-account-issuer). */
  readonly serviceAccountIssuer?: string;
  /** Tests of upstream's random testdata turn the kinds' own validation and admission off; never in use. */
  readonly kindValidation?: boolean;
  /** The range Service cluster IPs come from (IPv4); default 10.96.0.0/12. */
  readonly serviceClusterIpRange?: string;
  /** Watches without timeoutSeconds end after between this and twice this; default 1800. */
  readonly minRequestTimeoutSeconds?: number;
  readonly log?: (message: string) => void;
}

export const VERSION: VersionInfo = {
  major: '1',
  minor: '36',
  gitVersion: 'v1.36.0-kubets.0.1.0',
  gitCommit: 'kubets',
  gitTreeState: 'clean',
  buildDate: '2026-11-25T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tsc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

export class ApiServer {
  readonly registry: Registry;
  private server: http2.Http2SecureServer | undefined;
  private resolveShutdown: () => void = () => {};
  private readonly shutdown = new Promise<void>((r) => (this.resolveShutdown = r));
  private readonly log: (message: string) => void;
  private readonly sockets = new Set<TLSSocket>();
  private inFlight = 0;
  private readonly connectionUsers = new WeakMap<object, AuthenticatedUser | undefined>();
  private idle: (() => void) | undefined;
  private readonly serviceAccountTokens: ServiceAccountTokens | undefined;
  private readonly tokenAuthenticator: TokenAuthenticator;

  constructor(private readonly options: ApiServerOptions) {
    this.log = options.log ?? (() => {});
    this.registry = new Registry({
      store: options.store,
      validateSchema: (info, obj) => validateStructure(obj, info.typeName),
      kindValidation: options.kindValidation,
      log: this.log,
    });
    const key = options.serviceAccountKey;
    this.serviceAccountTokens = key && new ServiceAccountTokens({ key, read: this.objectReader(), issuer: options.serviceAccountIssuer });
    this.tokenAuthenticator = bearerTokenAuthenticator(options.tokens, this.serviceAccountTokens);
  }

  /** Reads the objects service account tokens name, from the registry's caches. */
  private objectReader(): ObjectReader {
    return (resource, namespace, name) => this.registry.storeOf('', resource)?.readLatest(namespace, name) ?? Promise.resolve(undefined);
  }

  /** Fills the caches, creates what the server owns, and starts listening. Returns the URL. */
  async start(): Promise<string> {
    await this.registry.start();
    const allocator = this.attachServiceAllocator();
    // Off with the per-kind rules: tests that store upstream's random objects name classes that do not exist.
    if (this.options.kindValidation !== false) this.attachPriorityAdmission();
    await bootstrap(this.registry);
    const nonResource = nonResourceHandler({
      version: VERSION,
      livez: [],
      readyz: [{ name: 'etcd', check: () => this.storeHealth() }],
      discovery: discoveryEndpoints(),
    });
    const deps = {
      registry: this.registry,
      nonResource,
      shutdown: this.shutdown,
      minRequestTimeoutSeconds: this.options.minRequestTimeoutSeconds ?? 1800,
      serviceAccountTokens: this.serviceAccountTokens,
      tokenAuthenticator: this.tokenAuthenticator,
    };
    const server = http2.createSecureServer({
      allowHTTP1: true,
      cert: this.options.tls.certificatePem,
      key: this.options.tls.privateKeyPem,
      ca: this.options.tls.clientCaPem,
      requestCert: true,
      rejectUnauthorized: false,
    });
    server.on('request', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
      this.inFlight++;
      void this.handle(req, res as unknown as Response, deps).finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
      });
    });
    server.on('secureConnection', (socket: TLSSocket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.bindAddress ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const ip = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    await reconcileKubernetesService(this.registry, allocator.cidr.text, allocator.firstIP, { ip, port: address.port });
    return this.url;
  }

  /** Service cluster IPs and node ports are allocated around Service writes. */
  private attachServiceAllocator(): ServiceAllocator {
    const cidr = parseCidr(this.options.serviceClusterIpRange ?? DEFAULT_SERVICE_CIDR);
    const services = this.registry.storeOf('', 'services');
    const addresses = this.registry.storeOf('networking.k8s.io', 'ipaddresses');
    if (services === undefined || addresses === undefined) throw new Error('the catalogue lacks services or ipaddresses');
    const allocator = new ServiceAllocator(cidr, addresses, services);
    services.hooks = serviceHooks(allocator);
    return allocator;
  }

  /** Pods get their PriorityClass's value and preemption policy; one class at most is the global default. */
  private attachPriorityAdmission(): void {
    const pods = this.registry.storeOf('', 'pods');
    const classes = this.registry.storeOf('scheduling.k8s.io', 'priorityclasses');
    if (pods === undefined || classes === undefined) throw new Error('the catalogue lacks pods or priorityclasses');
    pods.hooks = priorityAdmission(classes);
    classes.hooks = singleGlobalDefault(classes);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the API server is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `https://${host}:${address.port}`;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  /**
   * Stops accepting connections, ends watches, lets other in-flight requests finish (for
   * up to `graceMs`), closes the remaining (idle keep-alive) connections, then stops the
   * caches.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.resolveShutdown();
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await this.registry.stop();
  }

  private async handle(req: IncomingRequest, res: Response, deps: Parameters<typeof route>[2]): Promise<void> {
    try {
      const user = await this.authenticate(req);
      // Upstream's authentication filter answers every failure with this one message.
      if (user === undefined) throw errors.unauthorized('Unauthorized');
      await route(req, res, deps, user);
    } catch (error) {
      if (!(error instanceof errors.APIError)) this.log(`internal error serving ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      writeError(res, error);
    }
  }

  /** The client certificate's user, else the bearer token's; undefined: 401. */
  private async authenticate(req: IncomingRequest): Promise<AuthenticatedUser | undefined> {
    // HTTP/2 requests share their session's TLS connection; HTTP/1.1 requests their socket.
    const connection = (req as { stream?: { session?: object } }).stream?.session ?? req.socket;
    const fromCertificate = this.certificateUser(connection, req.socket as unknown as TLSSocket);
    if (fromCertificate !== undefined) return fromCertificate;
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;
    const outcome = await this.tokenAuthenticator.authenticate(header.slice('Bearer '.length).trim());
    if (outcome !== undefined && !outcome.ok) this.log(`bearer token refused: ${outcome.error}`);
    return outcome?.ok ? outcome.user : undefined;
  }

  /** The client certificate's user, read once per connection (reading it is costly). */
  private certificateUser(connection: object | undefined, socket: TLSSocket | undefined): AuthenticatedUser | undefined {
    if (!connection || !socket || typeof socket.getPeerCertificate !== 'function') return undefined;
    if (this.connectionUsers.has(connection)) return this.connectionUsers.get(connection);
    const user = userFromClientCertificate(socket);
    this.connectionUsers.set(connection, user);
    return user;
  }

  private async storeHealth(): Promise<string | undefined> {
    try {
      await this.options.store.currentRevision();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
