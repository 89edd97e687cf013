// The real kubectl against a real kubets: every verb, the output formats, selectors,
// patches, apply, explain, discovery, raw requests, watches, paging, dry runs, and strict
// field validation. One server for the whole file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { missingProgram, startTestCluster, type TestCluster } from './harness.js';

const skip = missingProgram('kubectl');

describe('kubectl against kubets', { skip }, () => {
  let cluster: TestCluster;
  const k = async (...args: string[]) => {
    const result = await cluster.kubectl(args);
    assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const kFails = async (args: string[], input?: string) => {
    const result = await cluster.kubectl(args, input);
    assert.notEqual(result.code, 0, `kubectl ${args.join(' ')} should have failed`);
    return result.stderr;
  };
  const apply = async (manifest: string, ...extra: string[]) => {
    const result = await cluster.kubectl(['apply', '-f', '-', ...extra], manifest);
    assert.equal(result.code, 0, `apply failed: ${result.stderr}`);
    return result.stdout;
  };

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  test('discovery: api-resources and api-versions list the served resources', async () => {
    const resources = await k('api-resources');
    assert.match(resources, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    assert.match(resources, /^nodes\s+no\s+v1\s+false\s+Node$/m);
    const versions = await k('api-versions');
    assert.match(versions, /^autoscaling\/v2$/m);
    assert.match(versions, /^apps\/v1$/m);
  });

  test('the system namespaces exist', async () => {
    const out = await k('get', 'namespaces', '-o', 'name');
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      assert.match(out, new RegExp(`^namespace/${ns}$`, 'm'));
    }
  });

  test('create, get in every output format, and delete a ConfigMap', async () => {
    assert.match(await k('create', 'configmap', 'cm1', '--from-literal=a=1', '--from-literal=b=2'), /configmap\/cm1 created/);
    const table = await k('get', 'configmap', 'cm1');
    assert.match(table, /^NAME\s+DATA\s+AGE$/m);
    assert.match(table, /^cm1\s+2\s+\d+s$/m);
    const json = JSON.parse(await k('get', 'configmap', 'cm1', '-o', 'json')) as { data: Record<string, string>; metadata: { uid: string; resourceVersion: string } };
    assert.deepEqual(json.data, { a: '1', b: '2' });
    assert.match(json.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(await k('get', 'configmap', 'cm1', '-o', 'yaml'), /^ {2}a: "1"$/m);
    assert.equal(await k('get', 'configmap', 'cm1', '-o', 'jsonpath={.data.b}'), '2');
    assert.equal((await k('get', 'configmap', 'cm1', '-o', 'name')).trim(), 'configmap/cm1');
    assert.match(await k('delete', 'configmap', 'cm1'), /configmap "cm1" deleted/);
    const missing = await kFails(['get', 'configmap', 'cm1']);
    assert.match(missing, /Error from server \(NotFound\): configmaps "cm1" not found/);
  });

  test('apply creates, then updates with a strategic merge patch', async () => {
    const manifest = (image: string, replicas: number) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
`;
    assert.match(await apply(manifest('nginx:1.25', 2)), /deployment.apps\/web created/);
    assert.match(await apply(manifest('nginx:1.26', 3)), /deployment.apps\/web configured/);
    const dep = JSON.parse(await k('get', 'deploy', 'web', '-o', 'json')) as {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
      metadata: { generation: number; annotations: Record<string, string> };
    };
    assert.equal(dep.spec.replicas, 3);
    assert.equal(dep.spec.template.spec.containers[0]?.image, 'nginx:1.26');
    assert.equal(dep.metadata.generation, 2);
    assert.ok(dep.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.match(await apply(manifest('nginx:1.26', 3)), /deployment.apps\/web unchanged/);
  });

  test('scale through the scale subresource', async () => {
    await apply(`
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs1}
spec:
  replicas: 1
  selector: {matchLabels: {app: rs1}}
  template:
    metadata: {labels: {app: rs1}}
    spec: {containers: [{name: c, image: busybox}]}
`);
    assert.match(await k('scale', 'replicaset', 'rs1', '--replicas=4'), /replicaset.apps\/rs1 scaled/);
    assert.equal(await k('get', 'rs', 'rs1', '-o', 'jsonpath={.spec.replicas}'), '4');
  });

  test('patch: merge, json and strategic', async () => {
    await k('create', 'configmap', 'p1', '--from-literal=a=1');
    await k('patch', 'configmap', 'p1', '--type=merge', '-p', '{"data":{"b":"2"}}');
    await k('patch', 'configmap', 'p1', '--type=json', '-p', '[{"op":"remove","path":"/data/a"}]');
    await k('patch', 'configmap', 'p1', '-p', '{"metadata":{"labels":{"x":"y"}}}');
    const cm = JSON.parse(await k('get', 'cm', 'p1', '-o', 'json')) as { data: Record<string, string>; metadata: { labels: Record<string, string> } };
    assert.deepEqual(cm.data, { b: '2' });
    assert.equal(cm.metadata.labels.x, 'y');
    const bad = await kFails(['patch', 'configmap', 'p1', '--type=json', '-p', '[{"op":"test","path":"/data/b","value":"3"}]']);
    assert.match(bad, /Invalid|rejected/);
  });

  test('label and field selectors', async () => {
    await apply(`
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: sel-a, labels: {tier: front, env: prod}}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: sel-b, labels: {tier: back, env: prod}}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: sel-c, labels: {tier: back}}}
`);
    const names = async (...args: string[]) => (await k('get', 'cm', '-o', 'name', ...args)).trim().split('\n').filter(Boolean).sort();
    assert.deepEqual(await names('-l', 'tier=back'), ['configmap/sel-b', 'configmap/sel-c']);
    assert.deepEqual(await names('-l', 'env'), ['configmap/sel-a', 'configmap/sel-b']);
    assert.deepEqual(await names('-l', '!env,tier'), ['configmap/sel-c']);
    assert.deepEqual(await names('-l', 'tier in (front),env notin (dev)'), ['configmap/sel-a']);
    assert.deepEqual(await names('--field-selector', 'metadata.name=sel-b'), ['configmap/sel-b']);
    assert.deepEqual(await names('-l', 'env=prod', '--field-selector', 'metadata.name!=sel-a'), ['configmap/sel-b']);
    const bad = await kFails(['get', 'cm', '--field-selector', 'data.x=1']);
    assert.match(bad, /not a known field selector/);
  });

  test('paging with --chunk-size returns every object once', async () => {
    const items = Array.from({ length: 25 }, (_, i) => `- {apiVersion: v1, kind: ConfigMap, metadata: {name: page-${String(i).padStart(2, '0')}, labels: {paged: "yes"}}}`);
    await apply(`apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`);
    const out = await k('get', 'cm', '-l', 'paged=yes', '--chunk-size=4', '-o', 'name');
    const names = out.trim().split('\n');
    assert.equal(names.length, 25);
    assert.equal(new Set(names).size, 25);
  });

  test('server-side dry run stores nothing', async () => {
    assert.match(await k('create', 'configmap', 'dry', '--from-literal=a=1', '--dry-run=server'), /configmap\/dry created \(server dry run\)/);
    assert.match(await kFails(['get', 'cm', 'dry']), /not found/);
  });

  test('strict field validation refuses unknown fields', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict1}\ndata: {a: "1"}\nbogus: 1\n';
    const err = await kFails(['create', '-f', '-', '--validate=strict'], manifest);
    assert.match(err, /unknown field "bogus"/);
    assert.match(await kFails(['get', 'cm', 'strict1']), /not found/);
  });

  test('explain reads the served OpenAPI', async () => {
    const out = await k('explain', 'deployment.spec.replicas');
    assert.match(out, /KIND:\s+Deployment/);
    assert.match(out, /FIELD:\s+replicas\s+<integer>/);
  });

  test('get --raw reaches health, version and resource paths', async () => {
    assert.equal(await k('get', '--raw', '/readyz'), 'ok');
    const version = JSON.parse(await k('get', '--raw', '/version')) as { major: string; minor: string };
    assert.equal(version.major, '1');
    const list = JSON.parse(await k('get', '--raw', '/api/v1/namespaces')) as { kind: string; items: unknown[] };
    assert.equal(list.kind, 'NamespaceList');
    assert.ok(list.items.length >= 4);
  });

  test('get -w prints changes as they happen', async () => {
    await k('create', 'configmap', 'w1', '--from-literal=a=1');
    const child = spawn(
      'kubectl',
      ['--kubeconfig', cluster.plane.kubeconfigPath, '--cache-dir', path.join(cluster.home, 'cache'), 'get', 'cm', '-w', '--field-selector', 'metadata.name=w1', '-o', 'name'],
      { env: { PATH: process.env.PATH ?? '', HOME: cluster.home } },
    );
    let out = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(out) && resolve();
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        check();
      });
    try {
      await seen(/configmap\/w1/);
      await k('label', 'cm', 'w1', 'changed=yes');
      await seen(/configmap\/w1\n[\s\S]*configmap\/w1/);
    } finally {
      child.kill();
    }
  });

  test('secrets: stringData is stored as data; names must be DNS subdomains', async () => {
    await apply('apiVersion: v1\nkind: Secret\nmetadata: {name: s1}\nstringData: {password: hunter2}\n');
    const secret = JSON.parse(await k('get', 'secret', 's1', '-o', 'json')) as { data: Record<string, string>; stringData?: unknown };
    assert.equal(Buffer.from(secret.data.password ?? '', 'base64').toString(), 'hunter2');
    assert.equal(secret.stringData, undefined);
    const bad = await kFails(['create', 'configmap', 'Bad_Name']);
    assert.match(bad, /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  });

  test('-o wide shows the extra columns', async () => {
    const out = await k('get', 'deploy', 'web', '-o', 'wide');
    assert.match(out, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
    assert.match(out, /^web\s+0\/3\s+0\s+0\s+\S+\s+web\s+nginx:1\.26\s+app=web$/m);
  });

  test('auth whoami and can-i', async () => {
    const whoami = await k('auth', 'whoami', '-o', 'json');
    const review = JSON.parse(whoami) as { status: { userInfo: { username: string; groups: string[] } } };
    assert.equal(review.status.userInfo.username, 'kubernetes-admin');
    assert.ok(review.status.userInfo.groups.includes('system:masters'));
    assert.equal((await k('auth', 'can-i', 'create', 'pods')).trim(), 'yes');
  });

  test('namespaced objects need an existing namespace', async () => {
    const err = await kFails(['create', 'configmap', 'x', '-n', 'nowhere']);
    assert.match(err, /namespaces "nowhere" not found/);
    await k('create', 'namespace', 'team-a');
    await k('create', 'configmap', 'x', '-n', 'team-a');
    assert.match(await k('get', 'cm', '-n', 'team-a', '-o', 'name'), /configmap\/x/);
  });

  test('replace with a stale resourceVersion is a conflict', async () => {
    await k('create', 'configmap', 'c1', '--from-literal=a=1');
    const current = JSON.parse(await k('get', 'cm', 'c1', '-o', 'json')) as { metadata: { resourceVersion: string }; data: Record<string, string> };
    await k('label', 'cm', 'c1', 'bump=1');
    current.data.a = '2';
    const err = await kFails(['replace', '-f', '-'], JSON.stringify(current));
    assert.match(err, /the object has been modified; please apply your changes to the latest version and try again/);
  });

  test('delete by label selector removes only the matches', async () => {
    await apply(`
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: del-a, labels: {gone: "yes"}}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: del-b, labels: {gone: "yes"}}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: del-c}}
`);
    await k('delete', 'cm', '-l', 'gone=yes');
    const left = await k('get', 'cm', '-o', 'name');
    assert.doesNotMatch(left, /del-a|del-b/);
    assert.match(left, /del-c/);
  });
});
