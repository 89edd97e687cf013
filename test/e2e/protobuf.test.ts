// kubectl's imperative commands send their objects as Kubernetes protobuf (client-go's
// typed clients do, and do not fall back to JSON): they must succeed against kubets, and
// the objects must read back with the fields the command set. Also a raw protobuf body
// sent by hand, its errors, and DeleteOptions as protobuf.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { encodeKubernetesProtobuf } from '../../src/api/protobuf/index.js';
import { ensurePki } from '../../src/apiserver/pki/data-dir.js';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');
const PROTOBUF = 'application/vnd.kubernetes.protobuf';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

describe('protobuf request bodies', { skip }, () => {
  let cluster: TestCluster;
  const k = async (...args: string[]) => {
    const result = await cluster.kubectl(args);
    assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  /** The value at a dotted path (`spec.ports.0.name`) of the object `kubectl get -o json` prints. */
  const field = async (resource: string, name: string, at: string): Promise<unknown> => {
    let value: unknown = JSON.parse(await k('get', resource, name, '-o', 'json'));
    for (const step of at.split('.')) value = (value as Record<string, unknown> | undefined)?.[step];
    return value;
  };

  /** A request with a protobuf body, as the admin, answered in JSON. */
  const send = (method: string, urlPath: string, body: Uint8Array): Promise<Answer> => {
    const pki = ensurePki(cluster.plane.dataDir);
    return new Promise((resolve, reject) => {
      const request = https.request(
        new URL(urlPath, cluster.plane.url),
        {
          method,
          ca: pki.ca.certificatePem,
          cert: pki.admin.certificatePem,
          key: pki.admin.privateKeyPem,
          // Node sends a DELETE body unframed unless its length is given.
          headers: { 'content-type': PROTOBUF, accept: `${PROTOBUF}, */*`, 'content-length': body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body: JSON.parse(text) as Record<string, unknown> });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  test('kubectl create configmap --from-literal', async () => {
    assert.match(await k('create', 'configmap', 'settings', '--from-literal=a=b', '--from-literal=empty='), /configmap\/settings created/);
    assert.deepEqual(await field('configmap', 'settings', 'data'), { a: 'b', empty: '' });
    assert.match(String(await field('configmap', 'settings', 'metadata.creationTimestamp')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('kubectl create deployment --image', async () => {
    await k('create', 'deployment', 'web', '--image=nginx', '--replicas=2', '--port=80');
    const spec = (await field('deployment', 'web', 'spec')) as {
      replicas: number;
      selector: unknown;
      strategy: { type: string };
      template: { spec: { containers: { image: string; ports: unknown; terminationMessagePath: string }[] } };
    };
    assert.equal(spec.replicas, 2);
    assert.deepEqual(spec.selector, { matchLabels: { app: 'web' } });
    const [container] = spec.template.spec.containers;
    assert.equal(container?.image, 'nginx');
    assert.deepEqual(container?.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    // Defaults applied to what the protobuf body left out.
    assert.equal(spec.strategy.type, 'RollingUpdate');
    assert.equal(container?.terminationMessagePath, '/dev/termination-log');
  });

  test('kubectl create deployment --replicas=0 keeps the explicit zero', async () => {
    await k('create', 'deployment', 'idle', '--image=nginx', '--replicas=0');
    assert.equal(await field('deployment', 'idle', 'spec.replicas'), 0);
  });

  test('kubectl create namespace', async () => {
    await k('create', 'namespace', 'team-a');
    assert.equal(await field('namespace', 'team-a', 'status.phase'), 'Active');
  });

  test('kubectl create secret generic --from-literal: data in base64', async () => {
    await k('create', 'secret', 'generic', 's', '--from-literal=k=v', '--from-literal=accent=é');
    assert.equal(await field('secret', 's', 'type'), 'Opaque');
    assert.deepEqual(await field('secret', 's', 'data'), { k: 'dg==', accent: 'w6k=' });
  });

  test('more kubectl create commands: service, job, cronjob, quota, role, rolebinding, priorityclass, pdb, ingress, serviceaccount', async () => {
    await k('create', 'service', 'clusterip', 'svc', '--tcp=80:8080');
    await k('create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi');
    await k('create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *');
    await k('create', 'quota', 'q', '--hard=cpu=1,memory=1Gi,pods=10');
    await k('create', 'role', 'r', '--verb=get,list', '--resource=pods');
    await k('create', 'rolebinding', 'rb', '--role=r', '--user=alice');
    await k('create', 'priorityclass', 'high', '--value=1000', '--description=important');
    await k('create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%');
    await k('create', 'ingress', 'ing', '--rule=example.com/path*=svc:80');
    await k('create', 'serviceaccount', 'robot');
    assert.deepEqual(await field('service', 'svc', 'spec.ports.0'), { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 });
    assert.deepEqual(await field('job', 'j', 'spec.template.spec.containers.0.command'), ['echo', 'hi']);
    assert.equal(await field('cronjob', 'cj', 'spec.schedule'), '*/5 * * * *');
    assert.deepEqual(await field('resourcequota', 'q', 'spec.hard'), { cpu: '1', memory: '1Gi', pods: '10' });
    assert.deepEqual(await field('role', 'r', 'rules'), [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    assert.deepEqual(await field('rolebinding', 'rb', 'subjects'), [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }]);
    assert.equal(await field('priorityclass', 'high', 'value'), 1000);
    assert.equal(await field('poddisruptionbudget', 'pdb', 'spec.minAvailable'), '50%');
    assert.equal(await field('ingress', 'ing', 'spec.rules.0.http.paths.0.pathType'), 'Prefix');
    assert.equal(await field('serviceaccount', 'robot', 'metadata.name'), 'robot');
  });

  test('a protobuf body sent by hand is created, and the answer is JSON', async () => {
    const body = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-hand', labels: { a: 'b' } }, binaryData: { raw: '/wA=' } });
    const answer = await send('POST', '/api/v1/namespaces/default/configmaps', body);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.match(answer.contentType, /^application\/json/);
    assert.deepEqual([answer.body.kind, (answer.body.metadata as Record<string, unknown>).labels, answer.body.binaryData], ['ConfigMap', { a: 'b' }, { raw: '/wA=' }]);
  });

  test('a malformed protobuf body, or one of another kind, is a 400', async () => {
    const truncated = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).subarray(0, 20);
    const malformed = await send('POST', '/api/v1/namespaces/default/configmaps', truncated);
    assert.equal(malformed.status, 400);
    assert.match(String(malformed.body.message), /unexpected end of data/);
    const secret = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
    const mismatch = await send('POST', '/api/v1/namespaces/default/configmaps', secret);
    assert.equal(mismatch.status, 400);
    assert.match(String(mismatch.body.message), /does not match the kind on the URL/);
  });

  test('DeleteOptions as protobuf (typed clients send them so): dryRun is honoured', async () => {
    await k('create', 'configmap', 'doomed');
    const options = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'DeleteOptions', dryRun: ['All'] });
    const dryRun = await send('DELETE', '/api/v1/namespaces/default/configmaps/doomed', options);
    assert.equal(dryRun.status, 200, JSON.stringify(dryRun.body));
    await k('get', 'configmap', 'doomed');
    const real = await send('DELETE', '/api/v1/namespaces/default/configmaps/doomed', encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'DeleteOptions' }));
    assert.equal(real.status, 200, JSON.stringify(real.body));
    const gone = await cluster.kubectl(['get', 'configmap', 'doomed']);
    assert.notEqual(gone.code, 0);
  });
});
