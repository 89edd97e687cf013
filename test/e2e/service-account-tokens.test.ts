// Service account tokens through the real kubectl: `kubectl create token` signs one, the
// API server accepts it as a bearer token for the account, and stops accepting it once
// the account (or the pod it is bound to) is gone. TokenReview says the same.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeKubeconfig } from '../../src/apiserver/pki/kubeconfig.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { missingProgram, runKubectl, startTestCluster, type TestCluster } from './harness.js';
import { RawClient } from './raw-client.js';

const skip = missingProgram('kubectl');

describe('service account tokens', { skip }, () => {
  let cluster: TestCluster;
  let raw: RawClient;

  before(async () => {
    cluster = await startTestCluster();
    raw = new RawClient(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    raw?.close();
    await cluster?.stop();
  });

  /** kubectl with a kubeconfig that holds only `token` (no client certificate). */
  function kubectlWithToken(token: string, args: string[]) {
    const target = loadKubeconfig(cluster.plane.kubeconfigPath);
    const file = path.join(cluster.plane.dataDir, `token-${Math.random().toString(36).slice(2)}.kubeconfig`);
    writeKubeconfig(file, { server: target.server, certificateAuthorityPem: target.certificateAuthorityPem ?? '', token });
    return runKubectl(file, cluster.home, args);
  }

  async function createToken(args: string[]): Promise<string> {
    const result = await cluster.kubectl(['create', 'token', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim();
  }

  function claimsOf(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  }

  test('kubectl create token signs a token that authenticates as the account until it is deleted', async () => {
    assert.equal((await cluster.kubectl(['create', 'serviceaccount', 'robot'])).code, 0);
    const token = await createToken(['robot']);
    const claims = claimsOf(token);
    assert.equal(claims.sub, 'system:serviceaccount:default:robot');
    assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
    assert.equal(Number(claims.exp) - Number(claims.iat), 3600);

    const whoami = await kubectlWithToken(token, ['auth', 'whoami', '-o', 'json']);
    assert.equal(whoami.code, 0, whoami.stderr);
    const info = (JSON.parse(whoami.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
    assert.equal(info.username, 'system:serviceaccount:default:robot');
    assert.deepEqual(info.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    assert.equal((await kubectlWithToken(token, ['get', 'serviceaccount', 'robot', '-o', 'name'])).stdout.trim(), 'serviceaccount/robot');

    assert.equal((await cluster.kubectl(['delete', 'serviceaccount', 'robot'])).code, 0);
    const refused = await kubectlWithToken(token, ['get', 'serviceaccounts']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /You must be logged in to the server \(Unauthorized\)/);
    // A new account of the same name is another account: the old token stays dead.
    assert.equal((await cluster.kubectl(['create', 'serviceaccount', 'robot'])).code, 0);
    assert.match((await kubectlWithToken(token, ['get', 'serviceaccounts'])).stderr, /Unauthorized/);
  });

  test('a lifetime under ten minutes is refused with upstream message', async () => {
    assert.equal((await cluster.kubectl(['create', 'serviceaccount', 'short'])).code, 0);
    const result = await cluster.kubectl(['create', 'token', 'short', '--duration', '5m']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /TokenRequest\.authentication\.k8s\.io "" is invalid: spec\.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes/);
    const missing = await cluster.kubectl(['create', 'token', 'nobody']);
    assert.match(missing.stderr, /serviceaccounts "nobody" not found/);
  });

  test('a pod-bound token names the pod and dies with it', async () => {
    assert.equal((await cluster.kubectl(['create', 'serviceaccount', 'worker'])).code, 0);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bound}\nspec: {serviceAccountName: worker, containers: [{name: c, image: nginx}]}\n';
    assert.equal((await cluster.kubectl(['apply', '-f', '-'], pod)).code, 0);
    const token = await createToken(['worker', '--bound-object-kind', 'Pod', '--bound-object-name', 'bound', '--audience', 'vault']);
    const podClaim = (claimsOf(token)['kubernetes.io'] as { pod?: { name: string } }).pod;
    assert.equal(podClaim?.name, 'bound');

    const review = (audiences?: string[]) =>
      raw.request({
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/tokenreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, ...(audiences ? { audiences } : {}) } },
      });
    const accepted = await review(['vault']);
    assert.equal(accepted.status, 201, accepted.body);
    const status = accepted.json<{ status: { authenticated: boolean; audiences: string[]; user: { username: string; extra: Record<string, string[]> } } }>().status;
    assert.equal(status.authenticated, true);
    assert.deepEqual(status.audiences, ['vault']);
    assert.equal(status.user.username, 'system:serviceaccount:default:worker');
    assert.deepEqual(status.user.extra['authentication.kubernetes.io/pod-name'], ['bound']);
    // Not for the API server: the token names another audience.
    const wrongAudience = (await review()).json<{ status: { authenticated?: boolean; error: string } }>().status;
    assert.equal(wrongAudience.authenticated, undefined);
    assert.match(wrongAudience.error, /token audiences \["vault"\] is invalid for the target audiences/);

    assert.equal((await cluster.kubectl(['create', 'serviceaccount', 'other'])).code, 0);
    const other = await cluster.kubectl(['create', 'token', 'other', '--bound-object-kind', 'Pod', '--bound-object-name', 'bound']);
    assert.match(other.stderr, /cannot bind token for serviceaccount "other" to pod running with different serviceaccount name\./);

    assert.equal((await cluster.kubectl(['delete', 'pod', 'bound', '--grace-period=0', '--force'])).code, 0);
    const afterDelete = (await review(['vault'])).json<{ status: { authenticated?: boolean; error: string } }>().status;
    assert.equal(afterDelete.error, 'service account token has been invalidated');
  });
});
