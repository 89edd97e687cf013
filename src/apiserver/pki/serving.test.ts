// The PKI in use: a real HTTPS (and HTTP/2) server with the serving certificate and
// client-certificate authentication, real Node clients, and the real kubectl binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import https from 'node:https';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TestContext } from 'node:test';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { userFromClientCertificate } from './client-certificate-user.js';
import { ensurePki, type Pki } from './data-dir.js';
import { createCertificateAuthority, issueClientCertificate, type CertifiedKey } from './issue.js';
import { writeKubeconfig } from './kubeconfig.js';
import { requireTool, temporaryDirectory } from '../../machinery/x509/testing.js';

const run = promisify(execFile);

/** Answers 401 without a verified client certificate, `ok` on /healthz, the user as JSON elsewhere. */
function handler(req: { socket: unknown; url?: string | undefined }, res: { writeHead(code: number): unknown; end(body: string): unknown }): void {
  const user = userFromClientCertificate(req.socket as TLSSocket);
  if (!user) {
    res.writeHead(401);
    res.end('Unauthorized');
  } else {
    res.writeHead(200);
    res.end(req.url === '/healthz' ? 'ok' : JSON.stringify(user));
  }
}

const tlsOptions = (pki: Pki) => ({
  key: pki.apiserver.privateKeyPem,
  cert: pki.apiserver.certificatePem,
  ca: pki.ca.certificatePem,
  requestCert: true,
  // Connections without a valid certificate stay open, for bearer tokens; the handler says 401.
  rejectUnauthorized: false,
});

async function startHttps(t: TestContext, pki: Pki, host: string): Promise<number> {
  const server = https.createServer(tlsOptions(pki), handler);
  server.listen(0, host);
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function get(options: https.RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.get({ agent: false, path: '/whoami', ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

const asClient = (pki: Pki, who: CertifiedKey) => ({ ca: pki.ca.certificatePem, cert: who.certificatePem, key: who.privateKeyPem });

test('the admin certificate authenticates over localhost and 127.0.0.1 as system:masters', async (t) => {
  const pki = ensurePki(temporaryDirectory(t));
  const port = await startHttps(t, pki, '127.0.0.1');
  const admin = asClient(pki, pki.admin);
  const expected = JSON.stringify({ name: 'kubernetes-admin', groups: ['system:masters'] });
  // `family: 4` makes localhost reach the IPv4 listener; the name checked is still "localhost".
  assert.deepEqual(await get({ host: 'localhost', family: 4, port, ...admin }), { status: 200, body: expected });
  assert.deepEqual(await get({ host: '127.0.0.1', port, ...admin }), { status: 200, body: expected });
  const scheduler = issueClientCertificate(pki.ca, { commonName: 'system:kube-scheduler', organizations: ['a', 'b'] });
  const reply = await get({ host: '127.0.0.1', port, ...asClient(pki, scheduler) });
  assert.deepEqual(JSON.parse(reply.body), { name: 'system:kube-scheduler', groups: ['a', 'b'] });
});

test('the serving certificate is valid for [::1]', async (t) => {
  const pki = ensurePki(temporaryDirectory(t));
  let port: number;
  try {
    port = await startHttps(t, pki, '::1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (process.env['CI'] !== 'true' && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) {
      t.skip(`IPv6 loopback is not available here (${code})`);
      return;
    }
    throw error;
  }
  const reply = await get({ host: '::1', port, ...asClient(pki, pki.admin) });
  assert.equal(reply.status, 200);
  assert.equal(JSON.parse(reply.body).name, 'kubernetes-admin');
});

test('certificates that our CA did not issue, or not for clients, authenticate no one', async (t) => {
  const pki = ensurePki(temporaryDirectory(t));
  const port = await startHttps(t, pki, '127.0.0.1');
  const stranger = issueClientCertificate(createCertificateAuthority(), { commonName: 'intruder', organizations: ['system:masters'] });
  assert.equal((await get({ host: '127.0.0.1', port, ...asClient(pki, stranger) })).status, 401);
  assert.equal((await get({ host: '127.0.0.1', port, ca: pki.ca.certificatePem })).status, 401);
  // The serving certificate is ours but lacks the clientAuth purpose.
  assert.equal((await get({ host: '127.0.0.1', port, ...asClient(pki, pki.apiserver) })).status, 401);
  const nameless = issueClientCertificate(pki.ca, { commonName: '' });
  assert.equal((await get({ host: '127.0.0.1', port, ...asClient(pki, nameless) })).status, 401);
});

test('clients check the server: unknown CA and names outside the certificate are refused', async (t) => {
  const pki = ensurePki(temporaryDirectory(t));
  const port = await startHttps(t, pki, '127.0.0.1');
  const admin = asClient(pki, pki.admin);
  // The server sends its CA along with its certificate (OpenSSL completes the chain from `ca`).
  await assert.rejects(get({ host: '127.0.0.1', port, ...admin, ca: createCertificateAuthority().certificatePem }), {
    code: 'SELF_SIGNED_CERT_IN_CHAIN',
  });
  await assert.rejects(get({ host: '127.0.0.1', port, ...admin, servername: 'api.kubets.example' }), {
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  });
});

test('a configured extra name is valid for clients', async (t) => {
  const dataDir = temporaryDirectory(t);
  const pki = ensurePki(dataDir, { extraNames: ['api.kubets.example'] });
  const port = await startHttps(t, pki, '127.0.0.1');
  const reply = await get({ host: '127.0.0.1', port, servername: 'api.kubets.example', ...asClient(pki, pki.admin) });
  assert.equal(reply.status, 200);
});

test('HTTP/2 requests authenticate the same way', async (t) => {
  const pki = ensurePki(temporaryDirectory(t));
  const server = http2.createSecureServer({ ...tlsOptions(pki), allowHTTP1: true }, handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const session = http2.connect(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, asClient(pki, pki.admin));
  t.after(() => {
    session.close();
    server.close();
  });
  const stream = session.request({ ':path': '/whoami' });
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  const [headers] = (await once(stream, 'response')) as [http2.IncomingHttpHeaders];
  await once(stream, 'end');
  assert.equal(headers[':status'], 200);
  assert.deepEqual(JSON.parse(body), { name: 'kubernetes-admin', groups: ['system:masters'] });
});

test('kubectl accepts the CA and presents the admin certificate from the written kubeconfig', async (t) => {
  if (!requireTool(t, 'kubectl')) return;
  const dataDir = temporaryDirectory(t);
  const pki = ensurePki(dataDir);
  const port = await startHttps(t, pki, '127.0.0.1');
  const kubectl = (kubeconfig: string) =>
    run('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/healthz'], {
      env: { PATH: process.env['PATH'], HOME: dataDir }, // keep kubectl's cache out of the real home
      timeout: 30_000,
    });
  for (const host of ['127.0.0.1', 'localhost']) {
    const kubeconfig = join(dataDir, `kubeconfig-${host}`);
    writeKubeconfig(kubeconfig, {
      server: `https://${host}:${port}`,
      certificateAuthorityPem: pki.ca.certificatePem,
      clientCertificatePem: pki.admin.certificatePem,
      clientKeyPem: pki.admin.privateKeyPem,
    });
    const { stdout } = await kubectl(kubeconfig);
    assert.equal(stdout.trim(), 'ok', host);
  }
  // kubectl really checks: the same server under another CA is refused.
  const wrongCa = join(dataDir, 'kubeconfig-wrong-ca');
  writeKubeconfig(wrongCa, {
    server: `https://127.0.0.1:${port}`,
    certificateAuthorityPem: createCertificateAuthority().certificatePem,
    clientCertificatePem: pki.admin.certificatePem,
    clientKeyPem: pki.admin.privateKeyPem,
  });
  await assert.rejects(kubectl(wrongCa), (error: { stderr: string }) => /certificate signed by unknown authority/.test(error.stderr));
  // And without the client certificate the server answers 401, which kubectl reports. (A
  // token stands in for the certificate: with no credentials at all kubectl prompts for a
  // password.)
  const noCert = join(dataDir, 'kubeconfig-no-cert');
  writeKubeconfig(noCert, { server: `https://127.0.0.1:${port}`, certificateAuthorityPem: pki.ca.certificatePem, token: 'unknown' });
  await assert.rejects(kubectl(noCert), (error: { stderr: string }) => /You must be logged in to the server/.test(error.stderr));
});
