// Test helper: a real etcd (Debian's etcd-server, /usr/bin/etcd) on free loopback ports
// with a temporary data directory. One member or a small cluster; each member can be
// stopped, killed and restarted on the same ports and data, for the fault tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs etcd "$@"; sends it the signal named on stdin, or SIGKILL when stdin closes. */
const GUARD = `
exec 3<&0
etcd "$@" </dev/null &
pid=$!
{ read -r sig; kill -s "\${sig:-KILL}" "$pid" 2>/dev/null; } <&3 &
wait "$pid"
`;

/** Whether an `etcd` binary is on the PATH. */
export function etcdAvailable(): boolean {
  return spawnSync('etcd', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The `skip` option for tests that need etcd: false when etcd is there; the reason when
 * it is not. With CI=true a missing etcd is a failure, never a skip.
 */
export function skipWithoutEtcd(): string | false {
  if (etcdAvailable()) return false;
  const reason = "etcd not on PATH; install Debian's etcd-server";
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true does not allow skipping)`);
  return reason;
}

/** A free TCP port on 127.0.0.1, found by binding to port 0 and releasing it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface EtcdMemberOptions {
  /** Extra command-line flags, e.g. TLS ones. */
  readonly extraArgs?: readonly string[];
  /** Scheme of the client URL (https when the extra flags set up TLS). */
  readonly scheme?: 'http' | 'https';
}

interface MemberSpec {
  readonly name: string;
  readonly clientPort: number;
  readonly peerPort: number;
  /** Plain-HTTP /health and /metrics, also when the client URL uses TLS. */
  readonly metricsPort: number;
  readonly dataDir: string;
}

/** One etcd member process. */
export class EtcdMember {
  private child: ChildProcess | undefined;
  private stderrTail = '';

  constructor(
    private readonly spec: MemberSpec,
    private readonly initialCluster: string,
    private readonly clusterToken: string,
    private readonly options: EtcdMemberOptions,
  ) {}

  /** The client URL, e.g. http://127.0.0.1:40123. */
  get endpoint(): string {
    return `${this.options.scheme ?? 'http'}://127.0.0.1:${this.spec.clientPort}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** How many calls of a gRPC method (e.g. "Txn", "Range") this member has received. */
  async grpcCallsStarted(method: string): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${this.spec.metricsPort}/metrics`);
    const line = (await response.text())
      .split('\n')
      .find((l) => l.startsWith('grpc_server_started_total{') && l.includes(`grpc_method="${method}"`));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** Starts the process (the same ports and data directory every time). */
  start(): void {
    if (this.child) throw new Error(`etcd member ${this.spec.name} is already running`);
    const peerUrl = `http://127.0.0.1:${this.spec.peerPort}`;
    const args = [
      '--name', this.spec.name,
      '--data-dir', this.spec.dataDir,
      '--listen-client-urls', this.endpoint,
      '--advertise-client-urls', this.endpoint,
      '--listen-peer-urls', peerUrl,
      '--initial-advertise-peer-urls', peerUrl,
      '--listen-metrics-urls', `http://127.0.0.1:${this.spec.metricsPort}`,
      '--initial-cluster', this.initialCluster,
      '--initial-cluster-state', 'new',
      // One token per cluster (all its members), so that members of clusters started by
      // other tests can never join each other.
      '--initial-cluster-token', this.clusterToken,
      // The store refuses values over 1.5 MiB itself; etcd's own limit counts the whole
      // request, so it is set a little higher for the store's limit to be the one that applies.
      '--max-request-bytes', String(1.5 * 1024 * 1024 + 64 * 1024),
      '--logger', 'zap',
      '--log-level', 'error',
      ...(this.options.extraArgs ?? []),
    ];
    // etcd runs under a small shell that kills it when this process goes away (its stdin
    // closes), so that a test run that dies leaves no etcd behind; a line on stdin names
    // the signal to send it.
    const child = spawn('sh', ['-c', GUARD, 'etcd-guard', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    this.stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    child.once('exit', () => {
      child.stdin?.destroy();
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
  }

  /** Waits until the member answers /health with true (it has a leader). */
  async waitHealthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.spec.metricsPort}/health`;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`etcd ${this.spec.name} exited during startup:\n${this.stderrTail}`);
      if (await answersHealthy(url)) return;
      await sleep(50);
    }
    throw new Error(`etcd ${this.spec.name} not healthy after ${timeoutMs} ms:\n${this.stderrTail}`);
  }

  /** SIGKILL, as a crash or power loss of the member would be seen by clients. */
  async kill(): Promise<void> {
    await this.signal('KILL');
  }

  /** SIGTERM and wait for exit. */
  async stop(): Promise<void> {
    await this.signal('TERM');
  }

  /** Stops (if running) and starts again on the same ports and data, then waits for health. */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
    await this.waitHealthy();
  }

  private async signal(signal: 'KILL' | 'TERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end(`${signal}\n`);
    await exited;
  }
}

/** A running etcd cluster of one or more members on loopback. */
export class EtcdCluster {
  private constructor(
    readonly members: readonly EtcdMember[],
    private readonly dataRoot: string,
  ) {}

  /** Starts `size` members and waits until all are healthy. */
  static async start(size = 1, options: EtcdMemberOptions = {}): Promise<EtcdCluster> {
    const cluster = await EtcdCluster.create(size, options);
    try {
      await cluster.startAll();
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** Chooses ports and directories for `size` members without starting them. */
  static async create(size = 1, options: EtcdMemberOptions = {}): Promise<EtcdCluster> {
    const dataRoot = mkdtempSync(join(tmpdir(), 'kubets-etcd-'));
    const specs: MemberSpec[] = [];
    for (let i = 0; i < size; i++) {
      specs.push({
        name: `m${i}`,
        clientPort: await freePort(),
        peerPort: await freePort(),
        metricsPort: await freePort(),
        dataDir: join(dataRoot, `m${i}`),
      });
    }
    const initialCluster = specs.map((s) => `${s.name}=http://127.0.0.1:${s.peerPort}`).join(',');
    const token = `kubets-test-${specs[0]?.clientPort}`;
    return new EtcdCluster(specs.map((s) => new EtcdMember(s, initialCluster, token, options)), dataRoot);
  }

  /** Starts every member and waits until all are healthy. */
  async startAll(): Promise<void> {
    for (const member of this.members) member.start();
    await Promise.all(this.members.map((m) => m.waitHealthy()));
  }

  /** Client URLs of all members. */
  get endpoints(): string[] {
    return this.members.map((m) => m.endpoint);
  }

  /** The first member (the only one of a single-member cluster). */
  get first(): EtcdMember {
    const member = this.members[0];
    if (!member) throw new Error('cluster has no members');
    return member;
  }

  /** Kills every member and removes the data directories. */
  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.kill()));
    rmSync(this.dataRoot, { recursive: true, force: true });
  }
}

async function answersHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { health?: unknown };
    return body.health === 'true';
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
