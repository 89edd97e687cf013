import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createCertificateAuthority, issueClientCertificate } from './issue.js';
import { KubeconfigError, loadKubeconfig, writeKubeconfig } from './kubeconfig.js';
import { requireTool, temporaryDirectory } from './testing.js';

const ca = createCertificateAuthority();
const admin = issueClientCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'] });

test('the written kubeconfig embeds the credentials under one `kubets` context, owner-only', (t) => {
  const file = join(temporaryDirectory(t), 'kubeconfig');
  writeKubeconfig(file, {
    server: 'https://127.0.0.1:6443',
    certificateAuthorityPem: ca.certificatePem,
    clientCertificatePem: admin.certificatePem,
    clientKeyPem: admin.privateKeyPem,
  });
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.equal(doc['apiVersion'], 'v1');
  assert.equal(doc['kind'], 'Config');
  assert.equal(doc['current-context'], 'kubets');
  assert.deepEqual(doc['contexts'], [{ name: 'kubets', context: { cluster: 'kubets', user: 'kubets' } }]);
  const clusters = doc['clusters'] as { name: string; cluster: Record<string, string> }[];
  assert.equal(clusters[0]?.name, 'kubets');
  assert.equal(Buffer.from(clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(), ca.certificatePem);

  const loaded = loadKubeconfig(file);
  assert.deepEqual(loaded, {
    contextName: 'kubets',
    server: 'https://127.0.0.1:6443',
    namespace: 'default',
    certificateAuthorityPem: ca.certificatePem,
    insecureSkipTlsVerify: false,
    tlsServerName: undefined,
    clientCertificatePem: admin.certificatePem,
    clientKeyPem: admin.privateKeyPem,
    token: undefined,
  });
});

test('kubectl reads the written kubeconfig', (t) => {
  if (!requireTool(t, 'kubectl')) return;
  const dir = temporaryDirectory(t);
  const file = join(dir, 'kubeconfig');
  writeKubeconfig(file, { server: 'https://localhost:1234', certificateAuthorityPem: ca.certificatePem, token: 'abc', namespace: 'team' });
  const view = (jsonpath: string) =>
    execFileSync('kubectl', ['--kubeconfig', file, 'config', 'view', '--raw', '--minify', '-o', `jsonpath=${jsonpath}`], {
      env: { PATH: process.env['PATH'], HOME: dir },
    }).toString();
  assert.equal(view('{.current-context}'), 'kubets');
  assert.equal(view('{.clusters[0].cluster.server}'), 'https://localhost:1234');
  assert.equal(Buffer.from(view('{.clusters[0].cluster.certificate-authority-data}'), 'base64').toString(), ca.certificatePem);
  assert.equal(view('{.users[0].user.token}'), 'abc');
  assert.equal(view('{.contexts[0].context.namespace}'), 'team');
});

test('reading: file references relative to the kubeconfig, a chosen context, token files', (t) => {
  const dir = temporaryDirectory(t);
  mkdirSync(join(dir, 'certs'));
  writeFileSync(join(dir, 'certs', 'ca.crt'), ca.certificatePem);
  writeFileSync(join(dir, 'certs', 'admin.crt'), admin.certificatePem);
  writeFileSync(join(dir, 'certs', 'admin.key'), admin.privateKeyPem);
  writeFileSync(join(dir, 'token'), '  s3cret \n');
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: files
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: certs/ca.crt
- name: remote
  cluster:
    server: https://kubets.example:6443
    insecure-skip-tls-verify: true
    tls-server-name: api.kubets.example
users:
- name: cert-user
  user:
    client-certificate: certs/admin.crt
    client-key: ${join(dir, 'certs', 'admin.key')}
- name: token-user
  user:
    tokenFile: token
contexts:
- name: files
  context: { cluster: local, user: cert-user, namespace: kube-system }
- name: remote
  context: { cluster: remote, user: token-user }
`,
  );
  const files = loadKubeconfig(file);
  assert.equal(files.contextName, 'files');
  assert.equal(files.namespace, 'kube-system');
  assert.equal(files.certificateAuthorityPem, ca.certificatePem);
  assert.equal(files.clientCertificatePem, admin.certificatePem);
  assert.equal(files.clientKeyPem, admin.privateKeyPem);

  const remote = loadKubeconfig(file, 'remote');
  assert.equal(remote.server, 'https://kubets.example:6443');
  assert.equal(remote.insecureSkipTlsVerify, true);
  assert.equal(remote.tlsServerName, 'api.kubets.example');
  assert.equal(remote.token, 's3cret');
  assert.equal(remote.certificateAuthorityPem, undefined);
  assert.equal(remote.namespace, 'default');
});

test('reading errors name the file and what is wrong', (t) => {
  const dir = temporaryDirectory(t);
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cluster = 'clusters: [{name: c, cluster: {server: "https://x"}}]\n';
  const cases: [string, string | undefined, RegExp][] = [
    [join(dir, 'absent'), undefined, /cannot be read: ENOENT/],
    [write('bad-yaml', 'clusters: [unclosed\n'), undefined, /is not valid YAML/],
    [write('list', '- a\n'), undefined, /the document is not a mapping/],
    [write('no-current', cluster), undefined, /no context given and no current-context set/],
    [write('no-context', cluster + 'current-context: nope\n'), undefined, /context "nope" not found/],
    [write('no-cluster', 'contexts: [{name: a, context: {cluster: gone}}]\n'), 'a', /cluster "gone" not found/],
    [write('no-server', 'clusters: [{name: c, cluster: {}}]\ncontexts: [{name: a, context: {cluster: c}}]\n'), 'a', /cluster c: server is missing/],
    [
      write('half-user', cluster + 'users: [{name: u, user: {client-certificate-data: QQ==}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n'),
      'a',
      /has a client certificate or a client key, but not both/,
    ],
    [
      write('missing-ref', 'clusters: [{name: c, cluster: {server: "https://x", certificate-authority: nowhere.crt}}]\ncontexts: [{name: a, context: {cluster: c}}]\n'),
      'a',
      /certificate-authority .*nowhere\.crt cannot be read/,
    ],
    [write('wrong-type', 'clusters: [{name: c, cluster: {server: 42}}]\ncontexts: [{name: a, context: {cluster: c}}]\n'), 'a', /server is not a string/],
  ];
  for (const [file, context, reason] of cases) {
    assert.throws(
      () => loadKubeconfig(file, context),
      (error: unknown) => {
        assert.ok(error instanceof KubeconfigError, `${file}: ${String(error)}`);
        assert.equal(error.file, file);
        assert.match(error.message, new RegExp(`^kubeconfig ${file}: `));
        assert.match(error.message, reason);
        return true;
      },
    );
  }
});
