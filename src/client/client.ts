// The entry point: a Client is a RestClient on a transport, plus resource access by
// group/version/resource and typed shortcuts for the built-in kinds the components use.
//
//   const client = Client.fromKubeconfig(path, { qps: 50, burst: 100 });
//   const pod = await client.pods('default').get('web-1');
//   await client.close();

import type { KubeObject } from '../machinery/meta.js';
import type { GroupVersionResource } from '../machinery/schema.js';
import { loadKubeconfig, type KubeconfigTarget } from './kubeconfig.js';
import { connectTransport, type Http2Mode } from './rest/connect.js';
import { ResourceClient } from './rest/resource-client.js';
import { RestClient, type RestClientOptions } from './rest/rest-client.js';
import type { Transport } from './rest/transport.js';
import { CONFIG_MAPS, EVENTS, LEASES, NAMESPACES, NODES, PODS } from './resources.js';
import type { Lease } from './types/coordination.js';
import type { ConfigMap, Event, Namespace, Node, Pod } from './types/core.js';

export type ClientOptions = Omit<RestClientOptions, 'transport'>;

export interface KubeconfigClientOptions extends ClientOptions {
  /** A context other than the current one. */
  readonly context?: string;
  /** Default 'auto': HTTP/2 when the server offers it. */
  readonly http2?: Http2Mode;
}

/** Contract: close() ends every connection; requests after it reject with ClientClosedError. */
export class Client {
  readonly rest: RestClient;
  /** The kubeconfig context's namespace (`default` when it names none, or without a kubeconfig). */
  readonly defaultNamespace: string;

  constructor(transport: Transport, options: ClientOptions = {}, defaultNamespace = 'default') {
    this.rest = new RestClient({ ...options, transport });
    this.defaultNamespace = defaultNamespace;
  }

  /** A client for the context of a kubeconfig file. */
  static fromKubeconfig(file: string, options: KubeconfigClientOptions = {}): Client {
    return Client.fromTarget(loadKubeconfig(file, options.context), options);
  }

  /** A client for an already loaded kubeconfig context. */
  static fromTarget(target: KubeconfigTarget, options: KubeconfigClientOptions = {}): Client {
    const transport = connectTransport(
      {
        server: target.server,
        caPem: target.certificateAuthorityPem,
        certPem: target.clientCertificatePem,
        keyPem: target.clientKeyPem,
        insecureSkipTlsVerify: target.insecureSkipTlsVerify,
        tlsServerName: target.tlsServerName,
      },
      options.http2,
    );
    return new Client(transport, { ...options, bearerToken: options.bearerToken ?? target.token }, target.namespace);
  }

  /** Any resource; `.namespace(ns)` narrows a namespaced one. */
  resource<T extends KubeObject = KubeObject>(gvr: GroupVersionResource): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, gvr);
  }

  namespaces(): ResourceClient<Namespace> {
    return this.resource(NAMESPACES);
  }

  nodes(): ResourceClient<Node> {
    return this.resource(NODES);
  }

  /** Pods of one namespace, or of all when `namespace` is undefined. */
  pods(namespace?: string): ResourceClient<Pod> {
    return this.scoped(PODS, namespace);
  }

  configMaps(namespace?: string): ResourceClient<ConfigMap> {
    return this.scoped(CONFIG_MAPS, namespace);
  }

  events(namespace?: string): ResourceClient<Event> {
    return this.scoped(EVENTS, namespace);
  }

  leases(namespace?: string): ResourceClient<Lease> {
    return this.scoped(LEASES, namespace);
  }

  close(): Promise<void> {
    return this.rest.close();
  }

  private scoped<T extends KubeObject>(gvr: GroupVersionResource, namespace: string | undefined): ResourceClient<T> {
    const all = new ResourceClient<T>(this.rest, gvr);
    return namespace === undefined ? all : all.namespace(namespace);
  }
}
