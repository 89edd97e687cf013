// CertificateSigningRequests end to end: `kubectl certificate approve|deny` through the
// approval subresource, the signing controller issuing from the cluster CA, and the issued
// certificate authenticating its subject.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, silentLogger } from '../../src/client/index.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { runControllerManager, type StopFunc } from '../../src/controllers/controller-manager.js';
import { writeKubeconfig } from '../../src/apiserver/pki/kubeconfig.js';
import { eventuallyNamed, missingProgram, runKubectl, startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

const skip = missingProgram('kubectl') ?? missingProgram('openssl');

interface Csr {
  spec: { username?: string; groups?: string[]; usages: string[] };
  status: { certificate?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string }> };
}

describe('certificate signing requests', { skip }, () => {
  let cluster: TestCluster;
  let client: Client;
  let stopControllers: StopFunc;
  let raw: RawClient;

  before(async () => {
    cluster = await startTestCluster();
    client = Client.fromKubeconfig(cluster.plane.kubeconfigPath);
    stopControllers = runControllerManager({ client, controllers: ['csrsigning'], clusterSigning: cluster.plane.clusterCa, logger: silentLogger });
    raw = new RawClient(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    raw?.close();
    await stopControllers?.();
    await client?.close();
    await cluster?.stop();
  });

  /** A new key (PEM) and a CSR manifest for `subject` (OpenSSL's -subj form). */
  function request(name: string, subject: string, signerName: string, usages: string[]): { keyPem: string; manifest: string } {
    const keyPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = path.join(cluster.plane.dataDir, `${name}.key`);
    writeFileSync(keyFile, keyPem);
    const pem = execFileSync('openssl', ['req', '-new', '-key', keyFile, '-subj', subject], { encoding: 'utf8' });
    const manifest = JSON.stringify({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name },
      spec: { request: Buffer.from(pem).toString('base64'), signerName, usages, expirationSeconds: 86400 },
    });
    return { keyPem, manifest };
  }

  async function create(manifest: string): Promise<void> {
    const result = await cluster.kubectl(['create', '-f', '-'], manifest);
    assert.equal(result.code, 0, result.stderr);
  }

  async function getCsr(name: string): Promise<Csr> {
    return JSON.parse((await cluster.kubectl(['get', 'csr', name, '-o', 'json'])).stdout) as Csr;
  }

  test('an approved client CSR is signed by the cluster CA, and the certificate logs its subject in', async () => {
    const { keyPem, manifest } = request('jane', '/O=devs/CN=jane', 'kubernetes.io/kube-apiserver-client', ['client auth']);
    await create(manifest);
    const created = await getCsr('jane');
    assert.equal(created.spec.username, 'kubernetes-admin');
    assert.deepEqual(created.spec.groups, ['system:masters', 'system:authenticated']);
    assert.deepEqual(created.status, {});

    const approved = await cluster.kubectl(['certificate', 'approve', 'jane']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, /certificatesigningrequest\.certificates\.k8s\.io\/jane approved/);
    const issued = await eventuallyNamed('the certificate of jane', async () => {
      const csr = await getCsr('jane');
      return csr.status.certificate === undefined ? undefined : csr;
    });
    const approval = issued.status.conditions?.find((c) => c.type === 'Approved');
    assert.equal(approval?.reason, 'KubectlApprove');
    assert.ok(approval?.lastUpdateTime);

    const certificatePem = Buffer.from(issued.status.certificate ?? '', 'base64').toString();
    const certificate = new X509Certificate(certificatePem);
    const ca = new X509Certificate(cluster.plane.clusterCa.certificatePem);
    assert.ok(certificate.verify(ca.publicKey));
    assert.equal(certificate.subject, 'O=devs\nCN=jane');
    const lifetime = Date.parse(certificate.validTo) - Date.parse(certificate.validFrom);
    assert.equal(lifetime, (86400 + 0) * 1000);

    const kubeconfig = path.join(cluster.plane.dataDir, 'jane.kubeconfig');
    const target = loadKubeconfig(cluster.plane.kubeconfigPath);
    writeKubeconfig(kubeconfig, { server: target.server, certificateAuthorityPem: target.certificateAuthorityPem ?? '', clientCertificatePem: certificatePem, clientKeyPem: keyPem });
    const whoami = await runKubectl(kubeconfig, cluster.home, ['auth', 'whoami', '-o', 'json']);
    assert.equal(whoami.code, 0, whoami.stderr);
    const user = (JSON.parse(whoami.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
    assert.deepEqual(user, { username: 'jane', groups: ['devs', 'system:authenticated'] });
  });

  test('the spec never changes, and approval conditions come only through approval', async () => {
    const { manifest } = request('fixed', '/CN=fixed', 'kubernetes.io/kube-apiserver-client', ['client auth']);
    await create(manifest);
    const patched = await cluster.kubectl(['patch', 'csr', 'fixed', '--type', 'merge', '-p', '{"spec":{"usages":["server auth"]},"metadata":{"labels":{"a":"b"}}}']);
    assert.equal(patched.code, 0, patched.stderr);
    assert.deepEqual((await getCsr('fixed')).spec.usages, ['client auth']);

    const approvedCondition = { type: 'Approved', status: 'True', reason: 'Sneaky' };
    const viaStatus = await raw.request({
      method: 'PATCH',
      path: '/apis/certificates.k8s.io/v1/certificatesigningrequests/fixed/status',
      body: { status: { conditions: [approvedCondition] } },
      contentType: 'application/merge-patch+json',
    });
    // Status writes keep the stored approval conditions: the one sent is dropped.
    assert.equal(viaStatus.status, 200, viaStatus.body);
    assert.equal(viaStatus.json<Csr>().status.conditions, undefined);

    assert.equal((await cluster.kubectl(['certificate', 'deny', 'fixed'])).code, 0);
    const both = await raw.request({
      method: 'PATCH',
      path: '/apis/certificates.k8s.io/v1/certificatesigningrequests/fixed/approval',
      body: [{ op: 'add', path: '/status/conditions/-', value: approvedCondition }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(both.status, 422, both.body);
    assert.match(both.json<{ message: string }>().message, /status\.conditions\[1\]\.type: Invalid value: "Approved": Approved and Denied conditions are mutually exclusive/);
    const removed = await raw.request({
      method: 'PATCH',
      path: '/apis/certificates.k8s.io/v1/certificatesigningrequests/fixed/approval',
      body: [{ op: 'remove', path: '/status/conditions/0' }],
      contentType: 'application/json-patch+json',
    });
    assert.match(removed.json<{ message: string }>().message, /status\.conditions: Forbidden: updates may not remove a condition of type "Denied"/);
    assert.equal((await getCsr('fixed')).status.certificate, undefined);
  });

  test('a kubelet client signer refuses a request that is no node, as Failed', async () => {
    const { manifest } = request('not-a-node', '/O=devs/CN=jane', 'kubernetes.io/kube-apiserver-client-kubelet', ['digital signature', 'client auth']);
    await create(manifest);
    assert.equal((await cluster.kubectl(['certificate', 'approve', 'not-a-node'])).code, 0);
    const failed = await eventuallyNamed('the Failed condition', async () => (await getCsr('not-a-node')).status.conditions?.find((c) => c.type === 'Failed'));
    assert.deepEqual([failed.status, failed.reason, failed.message], ['True', 'SignerValidationFailure', 'subject organization is not system:nodes']);
    assert.equal((await getCsr('not-a-node')).status.certificate, undefined);
  });
});
