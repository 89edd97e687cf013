import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeconfigError, loadKubeconfig } from './kubeconfig.js';

function directory(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-kubeconfig-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('inline data, file references relative to the file, token files, chosen contexts', (t) => {
  const dir = directory(t);
  writeFileSync(join(dir, 'ca.crt'), 'CA FROM FILE');
  writeFileSync(join(dir, 'token'), ' tok \n');
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `current-context: inline
clusters:
- name: a
  cluster: { server: "https://127.0.0.1:1", certificate-authority-data: ${b64('CA')} }
- name: b
  cluster: { server: "https://h:2", certificate-authority: ca.crt, insecure-skip-tls-verify: true, tls-server-name: api }
users:
- name: cert
  user: { client-certificate-data: ${b64('CERT')}, client-key-data: ${b64('KEY')} }
- name: tok
  user: { tokenFile: token }
contexts:
- name: inline
  context: { cluster: a, user: cert, namespace: team }
- name: files
  context: { cluster: b, user: tok }
`,
  );
  assert.deepEqual(loadKubeconfig(file), {
    contextName: 'inline',
    server: 'https://127.0.0.1:1',
    namespace: 'team',
    certificateAuthorityPem: 'CA',
    insecureSkipTlsVerify: false,
    tlsServerName: undefined,
    clientCertificatePem: 'CERT',
    clientKeyPem: 'KEY',
    token: undefined,
  });
  const files = loadKubeconfig(file, 'files');
  assert.equal(files.certificateAuthorityPem, 'CA FROM FILE');
  assert.equal(files.token, 'tok');
  assert.equal(files.insecureSkipTlsVerify, true);
  assert.equal(files.tlsServerName, 'api');
  assert.equal(files.namespace, 'default');
});

test('errors name the file and the problem', (t) => {
  const dir = directory(t);
  const file = join(dir, 'config');
  writeFileSync(file, 'clusters: [{name: c, cluster: {server: "https://x"}}]\ncurrent-context: nope\n');
  assert.throws(() => loadKubeconfig(file), (e: unknown) => e instanceof KubeconfigError && /context "nope" not found/.test(e.message) && e.message.includes(file));
  assert.throws(() => loadKubeconfig(join(dir, 'absent')), /cannot be read/);
});
