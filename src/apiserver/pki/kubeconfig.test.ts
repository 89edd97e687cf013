import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createCertificateAuthority, issueClientCertificate } from './issue.js';
import { writeKubeconfig } from './kubeconfig.js';
import { requireTool, temporaryDirectory } from '../../machinery/x509/testing.js';

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

  const users = doc['users'] as { name: string; user: Record<string, string> }[];
  assert.equal(Buffer.from(users[0]?.user['client-certificate-data'] ?? '', 'base64').toString(), admin.certificatePem);
  assert.equal(Buffer.from(users[0]?.user['client-key-data'] ?? '', 'base64').toString(), admin.privateKeyPem);
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
