// Shared by the client's end-to-end tests: a real control plane in a temporary
// directory on a free loopback port, clients for it, and the test-only levers on the
// server's internals (forcing the watch cache to forget its window).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../../src/cli/control-plane.js';
import { Client, type KubeconfigClientOptions } from '../../src/client/client.js';
import type { KubeObject } from '../../src/apiserver/object.js';

export class TestServer {
  private constructor(
    public plane: ControlPlane,
    readonly dataDir: string,
    private readonly clients: Client[] = [],
  ) {}

  static async start(): Promise<TestServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubets-client-e2e-'));
    try {
      return new TestServer(await startControlPlane({ dataDir, port: 0 }), dataDir);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  get kubeconfig(): string {
    return this.plane.kubeconfigPath;
  }

  /** A client that close() closes; fast by default (no client-side rate limit). */
  client(options: KubeconfigClientOptions = {}): Client {
    const client = Client.fromKubeconfig(this.kubeconfig, { qps: Infinity, ...options });
    this.clients.push(client);
    return client;
  }

  /** Stops the API server and starts it again on the same data directory and port. */
  async restart(whileDown: () => Promise<void> = async () => {}): Promise<void> {
    const port = this.plane.server.port;
    await this.plane.stop();
    await whileDown();
    this.plane = await startControlPlane({ dataDir: this.dataDir, port });
    // The restart can complete without the event loop polling for I/O once, so clients have
    // not yet seen their old connections close; a write sent now would go onto a dead
    // connection, which no client may safely retry (the server might have acted on it).
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /**
   * Makes the watch cache of `prefix` (`/registry/configmaps/`) forget its window of
   * events, as after a re-list of the store: open watches end, and watches from any
   * earlier resourceVersion get 410 Expired.
   */
  forgetWatchWindow(prefix: string): void {
    const cache = this.plane.server.registry.hub.register(prefix);
    const entries: [string, KubeObject][] = cache
      .list(prefix)
      .map((obj) => [`${prefix}${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`, obj]);
    cache.reset(entries, cache.revision);
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await this.plane.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Polls `condition` until it holds or `timeoutMs` passes (for effects that travel through a real server). */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
