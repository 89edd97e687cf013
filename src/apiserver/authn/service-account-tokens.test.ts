import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { KubeObject } from '../object.js';
import { parseJwt, signRs256 } from './jwt.js';
import { DEFAULT_ISSUER, ServiceAccountTokens, type TokenCheck } from './service-account-tokens.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = { privateKey, publicKey };

function object(name: string, uid: string, namespace = 'ns1', extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { metadata: { name, namespace, uid, ...extra } };
}

/** A world of objects the tokens can name, and a clock the test moves. */
function setup() {
  const objects = new Map<string, KubeObject>();
  const put = (resource: string, obj: KubeObject) => objects.set(`${resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`, obj);
  let now = new Date('2026-11-25T12:00:00Z');
  const tokens = new ServiceAccountTokens({
    key,
    read: (resource, namespace, name) => Promise.resolve(objects.get(`${resource}/${namespace}/${name}`)),
    now: () => now,
  });
  const sa = object('robot', 'sa-uid');
  put('serviceaccounts', sa);
  return { tokens, sa, put, objects, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

function refused(check: TokenCheck | undefined): string {
  assert.ok(check !== undefined && !check.ok, `accepted: ${JSON.stringify(check)}`);
  return check.error;
}

test('a token carries upstream claims and authenticates as the service account', async () => {
  const { tokens, sa } = setup();
  const { token, expirationTimestamp } = tokens.issue({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 3600, bound: {} });
  assert.equal(expirationTimestamp, '2026-11-25T13:00:00Z');
  const jwt = parseJwt(token);
  assert.equal(jwt?.header.alg, 'RS256');
  assert.equal(typeof jwt?.header.kid, 'string');
  const claims = jwt?.claims ?? {};
  assert.equal(claims.iss, DEFAULT_ISSUER);
  assert.equal(claims.sub, 'system:serviceaccount:ns1:robot');
  assert.deepEqual(claims.aud, [DEFAULT_ISSUER]);
  assert.equal(claims.exp, Date.parse('2026-11-25T13:00:00Z') / 1000);
  assert.equal(claims.iat, claims.nbf);
  assert.deepEqual(claims['kubernetes.io'], { namespace: 'ns1', serviceaccount: { name: 'robot', uid: 'sa-uid' } });

  const check = await tokens.check(token);
  assert.ok(check?.ok);
  assert.equal(check.user.name, 'system:serviceaccount:ns1:robot');
  assert.equal(check.user.uid, 'sa-uid');
  assert.deepEqual(check.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated']);
  assert.deepEqual(check.user.extra?.['authentication.kubernetes.io/credential-id'], [`JTI=${String(claims.jti)}`]);
  assert.deepEqual(check.audiences, [DEFAULT_ISSUER]);
});

test('an expired token is refused, after the leeway', async () => {
  const { tokens, sa, advance } = setup();
  const { token } = tokens.issue({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 600, bound: {} });
  advance(630);
  assert.ok((await tokens.check(token))?.ok);
  advance(60);
  assert.equal(refused(await tokens.check(token)), 'service account token has expired');
});

test('a token whose service account is gone, or was recreated, is refused', async () => {
  const { tokens, sa, put, objects } = setup();
  const { token } = tokens.issue({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 3600, bound: {} });
  put('serviceaccounts', object('robot', 'another-uid'));
  assert.equal(refused(await tokens.check(token)), 'service account UID (another-uid) does not match claim (sa-uid)');
  objects.clear();
  assert.equal(refused(await tokens.check(token)), 'serviceaccounts "robot" not found');
});

test('a pod-bound token names the pod and its node, and dies with the pod', async () => {
  const { tokens, sa, put, objects } = setup();
  const pod = object('web', 'pod-uid');
  const node = object('n1', 'node-uid', '');
  put('pods', pod);
  const { token } = tokens.issue({ serviceAccount: sa, audiences: ['x'], expirationSeconds: 3600, bound: { pod, node } });
  const claims = parseJwt(token)?.claims['kubernetes.io'];
  assert.deepEqual(claims, { namespace: 'ns1', serviceaccount: { name: 'robot', uid: 'sa-uid' }, pod: { name: 'web', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' } });
  const check = await tokens.check(token, ['x']);
  assert.ok(check?.ok);
  assert.deepEqual(check.user.extra?.['authentication.kubernetes.io/pod-name'], ['web']);
  assert.deepEqual(check.user.extra?.['authentication.kubernetes.io/node-uid'], ['node-uid']);
  put('pods', object('web', 'new-pod-uid'));
  assert.equal(refused(await tokens.check(token, ['x'])), 'pod UID (new-pod-uid) does not match service account pod ref claim (pod-uid)');
  objects.delete('pods/ns1/web');
  assert.equal(refused(await tokens.check(token, ['x'])), 'service account token has been invalidated');
});

test('a secret- or node-bound token depends on that object', async () => {
  const { tokens, sa, put } = setup();
  const secret = object('s', 'secret-uid');
  const node = object('n1', 'node-uid', '');
  const bySecret = tokens.issue({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 3600, bound: { secret } }).token;
  const byNode = tokens.issue({ serviceAccount: sa, audiences: [DEFAULT_ISSUER], expirationSeconds: 3600, bound: { node } }).token;
  assert.equal(refused(await tokens.check(bySecret)), 'service account token has been invalidated');
  assert.equal(refused(await tokens.check(byNode)), 'service account token has been invalidated');
  put('secrets', secret);
  put('nodes', node);
  assert.ok((await tokens.check(bySecret))?.ok);
  assert.ok((await tokens.check(byNode))?.ok);
});

test('audiences must meet; signatures must verify; other issuers are not ours', async () => {
  const { tokens, sa } = setup();
  const { token } = tokens.issue({ serviceAccount: sa, audiences: ['vault'], expirationSeconds: 3600, bound: {} });
  assert.equal(refused(await tokens.check(token)), `token audiences ["vault"] is invalid for the target audiences ["${DEFAULT_ISSUER}"]`);
  assert.ok((await tokens.check(token, ['other', 'vault']))?.ok);

  const [header, , signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...parseJwt(token)?.claims, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
  assert.equal(refused(await tokens.check(`${header}.${forged}.${signature}`, ['vault'])), 'invalid signature');

  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const foreign = signRs256({ ...parseJwt(token)?.claims }, stranger, 'k');
  assert.equal(refused(await tokens.check(foreign, ['vault'])), 'invalid signature');
  assert.equal(await tokens.check(signRs256({ iss: 'https://elsewhere' }, privateKey, 'k')), undefined);
  assert.equal(await tokens.check('not-a-jwt'), undefined);
});
