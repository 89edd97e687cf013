// Records the protobuf request bodies that the real kubectl sends, as test fixtures for
// src/api/protobuf. Starts a kubets control plane, puts a plain-HTTP recording proxy in
// front of it, runs each command of COMMANDS through the proxy, and writes one JSON file
// per command: the command, kubectl's version, every request that carried a protobuf
// body (method, path, Content-Type, body in base64) and the object kubectl prints for
// the same command with `--dry-run=client -o json` (the JSON it would send).
//
// Usage: node --import tsx scripts/capture-kubectl-protobuf.ts [--out DIR]
//   --out  where to write (default: src/api/protobuf/testdata/kubectl)

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePki } from '../src/apiserver/pki/data-dir.js';
import { startControlPlane } from '../src/cli/control-plane.js';
import { runNodes } from '../src/nodes/simulator.js';
import { makePool } from '../src/nodes/pool.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Command {
  /** The fixture's file name, without `.json`. */
  readonly name: string;
  readonly args: readonly string[];
  /** Whether `--dry-run=client -o json` applies (creates do; deletes and reviews do not). */
  readonly dryRun: boolean;
}

const COMMANDS: readonly Command[] = [
  { name: 'namespace', args: ['create', 'namespace', 'capture'], dryRun: true },
  { name: 'configmap', args: ['create', 'configmap', 'cm', '--from-literal=a=b', '--from-literal=empty='], dryRun: true },
  { name: 'secret-generic', args: ['create', 'secret', 'generic', 's', '--from-literal=k=v', '--from-literal=bin=\u00e9'], dryRun: true },
  {
    name: 'secret-docker-registry',
    args: ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p'],
    dryRun: true,
  },
  { name: 'deployment', args: ['create', 'deployment', 'web', '--image=nginx', '--replicas=3', '--port=80'], dryRun: true },
  { name: 'deployment-zero', args: ['create', 'deployment', 'zero', '--image=nginx', '--replicas=0'], dryRun: true },
  { name: 'service-clusterip', args: ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'], dryRun: true },
  { name: 'service-nodeport', args: ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'], dryRun: true },
  { name: 'service-externalname', args: ['create', 'service', 'externalname', 'ext', '--external-name=example.com'], dryRun: true },
  { name: 'job', args: ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'], dryRun: true },
  { name: 'cronjob', args: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'], dryRun: true },
  { name: 'quota', args: ['create', 'quota', 'q', '--hard=cpu=1,memory=1Gi,pods=10', '--scopes=BestEffort'], dryRun: true },
  { name: 'role', args: ['create', 'role', 'r', '--verb=get,list', '--resource=pods,deployments.apps'], dryRun: true },
  { name: 'rolebinding', args: ['create', 'rolebinding', 'rb', '--role=r', '--user=alice', '--serviceaccount=default:sa'], dryRun: true },
  { name: 'clusterrole', args: ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/healthz'], dryRun: true },
  { name: 'clusterrolebinding', args: ['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--group=devs'], dryRun: true },
  { name: 'priorityclass', args: ['create', 'priorityclass', 'high', '--value=1000', '--description=important', '--preemption-policy=Never'], dryRun: true },
  { name: 'poddisruptionbudget', args: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%'], dryRun: true },
  { name: 'poddisruptionbudget-int', args: ['create', 'poddisruptionbudget', 'pdb2', '--selector=app=web', '--max-unavailable=1'], dryRun: true },
  { name: 'ingress', args: ['create', 'ingress', 'ing', '--rule=example.com/path*=svc:80,tls=secret', '--class=nginx'], dryRun: true },
  { name: 'serviceaccount', args: ['create', 'serviceaccount', 'sa'], dryRun: true },
  // Typed clients send DeleteOptions as protobuf (`kubectl delete` sends JSON).
  { name: 'drain-delete', args: ['drain', 'kubets-node-1', '--force', '--disable-eviction', '--timeout=2s'], dryRun: false },
  { name: 'auth-can-i', args: ['auth', 'can-i', 'create', 'pods'], dryRun: false },
  { name: 'create-token', args: ['create', 'token', 'sa', '--duration=1h'], dryRun: false },
];

interface Recorded {
  method: string;
  path: string;
  contentType: string;
  bodyBase64: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(repoRoot, 'src/api/protobuf/testdata/kubectl'));
  mkdirSync(out, { recursive: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'kubets-capture-'));
  const plane = await startControlPlane({ dataDir: path.join(root, 'data'), port: 0 });
  const nodes = await runNodes({ kubeconfig: plane.kubeconfigPath, pool: makePool({ count: 1 }) });
  const pki = ensurePki(plane.dataDir);
  const recorded: Recorded[] = [];
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.includes('protobuf')) {
        recorded.push({ method: req.method ?? '', path: req.url ?? '', contentType, bodyBase64: body.toString('base64') });
      }
      const upstream = https.request(
        new URL(req.url ?? '/', plane.url),
        {
          method: req.method,
          headers: { ...req.headers, host: new URL(plane.url).host },
          ca: pki.ca.certificatePem,
          cert: pki.admin.certificatePem,
          key: pki.admin.privateKeyPem,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => res.destroy(error));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const server = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const kubectl = (args: readonly string[]) => runKubectl(['--server', server, '--cache-dir', path.join(root, 'cache'), ...args], root);
  try {
    const version = JSON.parse((await kubectl(['version', '--client', '-o', 'json'])).stdout) as { clientVersion: { gitVersion: string } };
    // A pod for the drain to delete (`kubectl run` sends JSON).
    await kubectl(['run', 'p', '--image=nginx', '--overrides={"spec":{"nodeName":"kubets-node-1"}}']);
    for (const command of COMMANDS) {
      recorded.length = 0;
      const run = await kubectl(command.args);
      const dryRun = command.dryRun ? await kubectl(withFlags(command.args, ['--dry-run=client', '-o', 'json'])) : undefined;
      const fixture = {
        command: ['kubectl', ...command.args],
        kubectlVersion: version.clientVersion.gitVersion,
        exitCode: run.status,
        requests: [...recorded],
        dryRunObject: dryRun === undefined ? undefined : (JSON.parse(dryRun.stdout) as unknown),
      };
      writeFileSync(path.join(out, `${command.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
      console.log(`${command.name}: exit ${run.status}, ${recorded.length} protobuf request(s)${run.status === 0 ? '' : `: ${run.stderr.trim()}`}`);
    }
  } finally {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await nodes.stop();
    await plane.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The arguments with flags added before a `--` that ends them, if there is one. */
function withFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = args.indexOf('--');
  return end < 0 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}

interface KubectlRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kubectl without blocking this process, which also runs the proxy it talks to. */
function runKubectl(args: readonly string[], home: string): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

await main();
