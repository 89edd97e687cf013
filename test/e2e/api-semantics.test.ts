// The API's contract as clients see it on the wire: authentication, Status errors, list
// and watch resourceVersion semantics, paging, Table and metadata-only output, warnings,
// finalizers and propagation, generation, and the status subresource.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from './harness.js';
import { RawClient, type WatchEvent } from './raw-client.js';

interface Obj {
  metadata: { name: string; resourceVersion: string; generation?: number; finalizers?: string[]; deletionTimestamp?: string; uid?: string };
  [k: string]: unknown;
}

describe('API semantics on the wire', () => {
  let cluster: TestCluster;
  let api: RawClient;
  const cms = '/api/v1/namespaces/default/configmaps';
  const deployments = '/apis/apps/v1/namespaces/default/deployments';
  const createCm = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await api.request({ method: 'POST', path: cms, body: { metadata: { name, ...extra }, data: { a: '1' } } });
    assert.equal(res.status, 201, res.body);
    return res.json<Obj>();
  };
  const deployment = (name: string, replicas = 1) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });

  before(async () => {
    cluster = await startTestCluster();
    api = new RawClient(cluster.plane.kubeconfigPath);
  });
  after(async () => {
    api?.close();
    await cluster?.stop();
  });

  test('anonymous requests get 401', async () => {
    const res = await api.request({ path: '/api/v1/namespaces', anonymous: true });
    assert.equal(res.status, 401);
    assert.equal(res.json().reason, 'Unauthorized');
  });

  test('priority admission: a pod naming a PriorityClass gets its value and policy; an unknown class or a contradicting priority is refused', async () => {
    const classes = '/apis/scheduling.k8s.io/v1/priorityclasses';
    const made = await api.request({ method: 'POST', path: classes, body: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch-high' }, value: 5000, preemptionPolicy: 'Never' } });
    assert.equal(made.status, 201, made.body);
    const pods = '/api/v1/namespaces/default/pods';
    const pod = (name: string, spec: Record<string, unknown>) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });
    const admitted = await api.request({ method: 'POST', path: pods, body: pod('prio-ok', { priorityClassName: 'batch-high' }) });
    assert.equal(admitted.status, 201, admitted.body);
    const spec = admitted.json<{ spec: { priority: number; preemptionPolicy: string } }>().spec;
    assert.deepEqual([spec.priority, spec.preemptionPolicy], [5000, 'Never']);
    const unknown = await api.request({ method: 'POST', path: pods, body: pod('prio-unknown', { priorityClassName: 'nope' }) });
    assert.equal(unknown.status, 403);
    assert.equal(unknown.json().message, 'pods "prio-unknown" is forbidden: no PriorityClass with name nope was found');
    const contradicting = await api.request({ method: 'POST', path: pods, body: pod('prio-bad', { priorityClassName: 'batch-high', priority: 7 }) });
    assert.equal(contradicting.status, 403);
    assert.equal(
      contradicting.json().message,
      'pods "prio-bad" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 5000 from the given PriorityClass name',
    );
    const system = await api.request({ method: 'POST', path: pods, body: pod('prio-system', { priorityClassName: 'system-cluster-critical' }) });
    assert.equal(system.json<{ spec: { priority: number } }>().spec.priority, 2000000000);
    const plain = await api.request({ method: 'POST', path: pods, body: pod('prio-plain', {}) });
    assert.equal(plain.json<{ spec: { priority: number } }>().spec.priority, 0);
    const globalDefault = (name: string, value: number) =>
      api.request({ method: 'POST', path: classes, body: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault: true } });
    assert.equal((await globalDefault('everyone', 300)).status, 201);
    const second = await globalDefault('everyone-else', 200);
    assert.equal(second.status, 403);
    assert.equal(second.json().message, 'priorityclasses.scheduling.k8s.io "everyone-else" is forbidden: PriorityClass everyone is already marked as default. Only one default can exist');
    const defaulted = await api.request({ method: 'POST', path: pods, body: pod('prio-default', {}) });
    const got = defaulted.json<{ spec: { priority: number; priorityClassName: string; preemptionPolicy: string } }>().spec;
    assert.deepEqual([got.priorityClassName, got.priority, got.preemptionPolicy], ['everyone', 300, 'PreemptLowerPriority']);
    await api.request({ method: 'DELETE', path: `${classes}/everyone` });
  });

  test("a new pod's affinity matchLabelKeys join its labelSelector with the pod's own values", async () => {
    const term = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['pod-template-hash'] };
    const body = {
      metadata: { name: 'label-keys', labels: { app: 'web', 'pod-template-hash': '5d8f' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
    };
    const res = await api.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body });
    assert.equal(res.status, 201, res.body);
    const stored = res.json<{ spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { labelSelector: unknown; matchLabelKeys: string[] }[] } } } }>();
    const [got] = stored.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    assert.deepEqual(got!.labelSelector, { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: ['5d8f'] }] });
    assert.deepEqual(got!.matchLabelKeys, ['pod-template-hash']);
  });

  test('errors are Status objects with upstream reasons', async () => {
    const unknown = await api.request({ path: '/api/v1/namespaces/default/widgets' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json().kind, 'Status');

    const malformed = await api.request({ method: 'POST', path: cms, body: '{"metadata": {' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json().reason, 'BadRequest');

    const wrongKind = await api.request({ method: 'POST', path: cms, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } } });
    assert.equal(wrongKind.status, 400);

    const tooBig = await api.request({ method: 'POST', path: cms, body: { metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } } });
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.json().reason, 'RequestEntityTooLarge');

    await createCm('dup');
    const duplicate = await api.request({ method: 'POST', path: cms, body: { metadata: { name: 'dup' } } });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.json().message, 'configmaps "dup" already exists');
    assert.deepEqual(duplicate.json().details, { name: 'dup', kind: 'configmaps' });

    const notAllowed = await api.request({ method: 'DELETE', path: '/apis/authentication.k8s.io/v1/tokenreviews/x' });
    assert.equal(notAllowed.status, 405);

    const missing = await api.request({ path: `${cms}/nope` });
    assert.equal(missing.status, 404);
    assert.equal(missing.json().message, 'configmaps "nope" not found');
  });

  test('a resource stored as another is named as served in errors', async () => {
    const missing = await api.request({ path: '/apis/events.k8s.io/v1/namespaces/default/events/nope' });
    assert.equal(missing.status, 404);
    assert.equal(missing.json().message, 'events.events.k8s.io "nope" not found');
  });

  test('a list waiting for a resourceVersion the server never reaches gives up with 504', async () => {
    const res = await api.request({ path: `${cms}?resourceVersion=999999999` });
    assert.equal(res.status, 504);
    assert.match(String(res.json().message), /Too large resource version/);
  });

  test('HTTP/2 is served', async () => {
    const { connect } = await import('node:http2');
    const { loadKubeconfig } = await import('../../src/client/kubeconfig.js');
    const target = loadKubeconfig(cluster.plane.kubeconfigPath);
    const session = connect(target.server, { ca: target.certificateAuthorityPem, cert: target.clientCertificatePem, key: target.clientKeyPem });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const stream = session.request({ ':path': '/version' });
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => (text += d));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
      assert.equal((JSON.parse(body) as { major: string }).major, '1');
    } finally {
      session.close();
    }
  });

  test('the server keeps serving after a bad request', async () => {
    const res = await api.request({ path: '/readyz' });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
    const verbose = await api.request({ path: '/readyz?verbose' });
    assert.match(verbose.body, /\[\+\]ping ok/);
    assert.match(verbose.body, /readyz check passed/);
  });

  test('unknown fields: a Warning header by default, dropped from the object', async () => {
    const res = await api.request({ method: 'POST', path: cms, body: { metadata: { name: 'warned' }, bogus: 1 } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.warning, `299 - "unknown field \\"bogus\\""`);
    assert.equal(res.json().bogus, undefined);
    const strict = await api.request({ method: 'POST', path: `${cms}?fieldValidation=Strict`, body: { metadata: { name: 'strict' }, bogus: 1 } });
    assert.equal(strict.status, 400);
    assert.match(String(strict.json().message), /strict decoding error: unknown field "bogus"/);
  });

  test('paged lists are one consistent snapshot while writes go on', async () => {
    for (let i = 0; i < 5; i++) await createCm(`snap-${i}`, { labels: { snap: 'yes' } });
    const first = await api.request({ path: `${cms}?labelSelector=snap%3Dyes&limit=2` });
    const page1 = first.json<{ metadata: { continue: string; resourceVersion: string }; items: Obj[] }>();
    assert.equal(page1.items.length, 2);
    assert.ok(page1.metadata.continue);
    await createCm('snap-9', { labels: { snap: 'yes' } });
    const names = page1.items.map((i) => i.metadata.name);
    let token: string | undefined = page1.metadata.continue;
    while (token) {
      type Page = { metadata: { continue?: string; resourceVersion: string }; items: Obj[] };
      const page: Page = (await api.request({ path: `${cms}?labelSelector=snap%3Dyes&limit=2&continue=${encodeURIComponent(token)}` })).json<Page>();
      assert.equal(page.metadata.resourceVersion, page1.metadata.resourceVersion);
      names.push(...page.items.map((i) => i.metadata.name));
      token = page.metadata.continue;
    }
    assert.deepEqual(names, ['snap-0', 'snap-1', 'snap-2', 'snap-3', 'snap-4']);
  });

  test('resourceVersionMatch=Exact lists an older state', async () => {
    const before = await createCm('exact-a');
    await api.request({ method: 'DELETE', path: `${cms}/exact-a` });
    const now = await api.request({ path: `${cms}?fieldSelector=metadata.name%3Dexact-a` });
    assert.equal(now.json<{ items: Obj[] }>().items.length, 0);
    const then = await api.request({ path: `${cms}?fieldSelector=metadata.name%3Dexact-a&resourceVersion=${before.metadata.resourceVersion}&resourceVersionMatch=Exact` });
    assert.equal(then.status, 200, then.body);
    assert.deepEqual(then.json<{ items: Obj[] }>().items.map((i) => i.metadata.name), ['exact-a']);
  });

  test('Table and PartialObjectMetadataList output', async () => {
    await createCm('tabled');
    const table = await api.request({ path: `${cms}/tabled`, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    assert.match(String(table.headers['content-type']), /as=Table/);
    const t = table.json<{ kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] }>();
    assert.equal(t.kind, 'Table');
    assert.deepEqual(t.columnDefinitions.map((c) => c.name), ['Name', 'Data', 'Age']);
    assert.equal(t.rows[0]?.cells[0], 'tabled');
    assert.equal(t.rows[0]?.object.kind, 'PartialObjectMetadata');
    const partial = await api.request({ path: cms, accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
    const list = partial.json<{ kind: string; items: { kind: string; metadata: Obj['metadata'] }[] }>();
    assert.equal(list.kind, 'PartialObjectMetadataList');
    assert.ok(list.items.some((i) => i.metadata.name === 'tabled' && i.kind === 'PartialObjectMetadata'));
    const unacceptable = await api.request({ path: cms, accept: 'application/vnd.example' });
    assert.equal(unacceptable.status, 406);
  });

  test('watch from a resourceVersion replays what happened after it, in order', async () => {
    const start = await createCm('w-start');
    await createCm('w-1');
    await api.request({ method: 'PATCH', path: `${cms}/w-1`, contentType: 'application/merge-patch+json', body: { data: { b: '2' } } });
    await api.request({ method: 'DELETE', path: `${cms}/w-1` });
    const events = await api.watch(`${cms}?watch=true&resourceVersion=${start.metadata.resourceVersion}`, (e) => e.length >= 3);
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED w-1', 'MODIFIED w-1', 'DELETED w-1']);
    const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
    assert.deepEqual([...versions].sort((a, b) => a - b), versions);
  });

  test('watch with resourceVersion 0 starts with the current objects', async () => {
    await createCm('w0', { labels: { w0: 'yes' } });
    const events = await api.watch(`${cms}?watch=true&resourceVersion=0&labelSelector=w0%3Dyes`, (e) => e.length >= 1);
    assert.equal(events[0]?.type, 'ADDED');
    assert.equal(events[0]?.object.metadata.name, 'w0');
  });

  test('sendInitialEvents ends the initial state with an annotated bookmark', async () => {
    await createCm('initial', { labels: { initial: 'yes' } });
    const path = `${cms}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=initial%3Dyes`;
    const events = await api.watch(path, (e) => e.some((x) => x.type === 'BOOKMARK'));
    assert.equal(events[0]?.type, 'ADDED');
    const mark = events.find((e) => e.type === 'BOOKMARK') as WatchEvent;
    assert.equal(mark.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
    assert.ok(Number(mark.object.metadata.resourceVersion) >= Number(events[0]?.object.metadata.resourceVersion));
  });

  test('a label change out of a selection is a DELETED event for that watch', async () => {
    const start = await createCm('moving', { labels: { team: 'a' } });
    await api.request({ method: 'PATCH', path: `${cms}/moving`, contentType: 'application/merge-patch+json', body: { metadata: { labels: { team: 'b' } } } });
    const events = await api.watch(`${cms}?watch=true&labelSelector=team%3Da&resourceVersion=${start.metadata.resourceVersion}`, (e) => e.length >= 1);
    assert.equal(events[0]?.type, 'DELETED');
  });

  test('finalizers keep a deleted object until they are removed', async () => {
    await createCm('final', { finalizers: ['example.com/hold'] });
    const del = await api.request({ method: 'DELETE', path: `${cms}/final` });
    assert.equal(del.status, 200);
    const held = (await api.request({ path: `${cms}/final` })).json<Obj>();
    assert.ok(held.metadata.deletionTimestamp);
    const res = await api.request({ method: 'PATCH', path: `${cms}/final`, contentType: 'application/merge-patch+json', body: { metadata: { finalizers: null } } });
    assert.equal(res.status, 200, res.body);
    assert.equal((await api.request({ path: `${cms}/final` })).status, 404);
  });

  test('foreground deletion is recorded as a finalizer for the garbage collector', async () => {
    await api.request({ method: 'POST', path: deployments, body: deployment('fg') });
    const res = await api.request({ method: 'DELETE', path: `${deployments}/fg`, body: { propagationPolicy: 'Foreground' } });
    assert.equal(res.status, 200);
    const obj = (await api.request({ path: `${deployments}/fg` })).json<Obj>();
    assert.deepEqual(obj.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(obj.metadata.deletionTimestamp);
  });

  test('delete preconditions are checked', async () => {
    await createCm('pre');
    const res = await api.request({ method: 'DELETE', path: `${cms}/pre`, body: { preconditions: { uid: 'not-the-uid' } } });
    assert.equal(res.status, 409, res.body);
    assert.match(String(res.json().message), /Precondition failed: UID in precondition: not-the-uid/);
  });

  test('generation moves with spec changes only; the status subresource changes status only', async () => {
    const created = (await api.request({ method: 'POST', path: deployments, body: deployment('gen') })).json<Obj>();
    assert.equal(created.metadata.generation, 1);
    assert.equal(created.status, undefined);
    const labelled = await api.request({ method: 'PATCH', path: `${deployments}/gen`, contentType: 'application/merge-patch+json', body: { metadata: { labels: { x: 'y' } }, status: { replicas: 9 } } });
    assert.equal(labelled.json<Obj>().metadata.generation, 1);
    assert.equal(labelled.json<Obj>().status, undefined);
    const scaled = await api.request({ method: 'PATCH', path: `${deployments}/gen`, contentType: 'application/merge-patch+json', body: { spec: { replicas: 3 } } });
    assert.equal(scaled.json<Obj>().metadata.generation, 2);
    const status = await api.request({
      method: 'PATCH',
      path: `${deployments}/gen/status`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 7 }, status: { replicas: 3, observedGeneration: 2 } },
    });
    assert.equal(status.status, 200, status.body);
    const after = status.json<{ spec: { replicas: number }; status: { replicas: number }; metadata: Obj['metadata'] }>();
    assert.equal(after.spec.replicas, 3);
    assert.equal(after.status.replicas, 3);
    assert.equal(after.metadata.generation, 2);
  });

  test('concurrent patches of one object all apply; a patch naming a stale resourceVersion is a 409', async () => {
    const created = await createCm('patched-together');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request({ method: 'PATCH', path: `${cms}/patched-together`, contentType: 'application/merge-patch+json', body: { data: { [`k${i}`]: String(i) } } }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status), Array(20).fill(200));
    const final = (await api.request({ path: `${cms}/patched-together` })).json<{ data: Record<string, string> }>();
    assert.equal(Object.keys(final.data).length, 21);
    const stale = await api.request({
      method: 'PATCH',
      path: `${cms}/patched-together`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { resourceVersion: created.metadata.resourceVersion }, data: { late: '1' } },
    });
    assert.equal(stale.status, 409);
  });

  test('an update with a stale resourceVersion is a 409 Conflict', async () => {
    const created = await createCm('stale');
    await api.request({ method: 'PATCH', path: `${cms}/stale`, contentType: 'application/merge-patch+json', body: { data: { b: '1' } } });
    const res = await api.request({ method: 'PUT', path: `${cms}/stale`, body: { ...created, data: { c: '1' } } });
    assert.equal(res.status, 409);
    assert.equal(
      res.json().message,
      'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  test('an update that changes nothing keeps the resourceVersion; one that changes something moves it', async () => {
    const created = await createCm('unchanged');
    const same = await api.request({ method: 'PUT', path: `${cms}/unchanged`, body: created });
    assert.equal(same.status, 200, same.body);
    assert.equal(same.json<Obj>().metadata.resourceVersion, created.metadata.resourceVersion);
    const samePatch = await api.request({ method: 'PATCH', path: `${cms}/unchanged`, contentType: 'application/merge-patch+json', body: { data: { a: '1' } } });
    assert.equal(samePatch.json<Obj>().metadata.resourceVersion, created.metadata.resourceVersion);
    const changed = await api.request({ method: 'PATCH', path: `${cms}/unchanged`, contentType: 'application/merge-patch+json', body: { data: { a: '2' } } });
    const moved = changed.json<Obj>().metadata.resourceVersion;
    assert.notEqual(moved, created.metadata.resourceVersion);
    const back = await api.request({ method: 'PATCH', path: `${cms}/unchanged`, contentType: 'application/merge-patch+json', body: { data: { a: '2' } } });
    assert.equal(back.json<Obj>().metadata.resourceVersion, moved);
  });

  test('dryRun=All validates and stores nothing', async () => {
    const res = await api.request({ method: 'POST', path: `${cms}?dryRun=All`, body: { metadata: { name: 'dry' } } });
    assert.equal(res.status, 201);
    assert.equal((await api.request({ path: `${cms}/dry` })).status, 404);
  });

  test('generateName gets a random suffix', async () => {
    const res = await api.request({ method: 'POST', path: cms, body: { metadata: { generateName: 'gen-' } } });
    assert.equal(res.status, 201);
    assert.match(res.json<Obj>().metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('bearer tokens from --token-auth-file', () => {
  test('a listed token authenticates as its user; an unknown one gets 401', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const https = await import('node:https');
    const { loadKubeconfig } = await import('../../src/client/kubeconfig.js');
    const dir = mkdtempSync(join(tmpdir(), 'kubets-tokens-'));
    const file = join(dir, 'tokens.csv');
    writeFileSync(file, 'secret-token,alice,uid-1,"dev,ops"\n');
    const cluster = await startTestCluster({ tokenAuthFile: file });
    try {
      const target = loadKubeconfig(cluster.plane.kubeconfigPath);
      const url = new URL(target.server);
      const ask = (token: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = https.request(
            { host: url.hostname, port: url.port, method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', ca: target.certificateAuthorityPem, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
            (res) => {
              let body = '';
              res.on('data', (d: Buffer) => (body += d.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }));
        });
      const ok = await ask('secret-token');
      assert.equal(ok.status, 201, ok.body);
      const info = (JSON.parse(ok.body) as { status: { userInfo: { username: string; uid: string; groups: string[] } } }).status.userInfo;
      assert.deepEqual(info, { username: 'alice', uid: 'uid-1', groups: ['dev', 'ops', 'system:authenticated'] });
      assert.equal((await ask('wrong')).status, 401);
    } finally {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failures inside a handler', () => {
  test('are a 500 Status, and the server goes on serving', async () => {
    // A ControllerRevision whose controller has a malformed apiVersion (one that got into
    // the store before validation refused it: here, with the kinds' validation off) fails
    // inside the table printer, as it does upstream.
    const cluster = await startTestCluster({ kindValidation: false });
    const api = new RawClient(cluster.plane.kubeconfigPath);
    try {
      const revisions = '/apis/apps/v1/namespaces/default/controllerrevisions';
      const created = await api.request({
        method: 'POST',
        path: revisions,
        body: { metadata: { name: 'odd', ownerReferences: [{ apiVersion: 'a/b/c', kind: 'X', name: 'x', uid: 'u', controller: true }] }, data: {}, revision: 1 },
      });
      assert.equal(created.status, 201, created.body);
      const table = await api.request({ path: `${revisions}/odd`, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
      assert.equal(table.status, 500);
      assert.equal(table.json().kind, 'Status');
      assert.equal(table.json().reason, 'InternalError');
      assert.equal((await api.request({ path: `${revisions}/odd` })).status, 200);
    } finally {
      api.close();
      await cluster.stop();
    }
  });
});

describe('watches across a restart', () => {
  test('a watch from before the restart window gets 410 Expired as an ERROR event', async () => {
    const cluster = await startTestCluster();
    try {
      const api = new RawClient(cluster.plane.kubeconfigPath);
      const first = await api.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'old' } } });
      const oldVersion = first.json<Obj>().metadata.resourceVersion;
      await api.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'newer' } } });
      api.close();
      // Restart on the same data: the new cache starts at the current revision.
      const { dataDir, server } = cluster.plane;
      const port = server.port;
      await cluster.plane.stop();
      const again = await startTestCluster({ dataDir, port });
      try {
        const api2 = new RawClient(again.plane.kubeconfigPath);
        const events = await api2.watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${oldVersion}`, (e) => e.length >= 1);
        assert.equal(events[0]?.type, 'ERROR');
        assert.equal(events[0]?.object.code, 410);
        assert.equal(events[0]?.object.reason, 'Expired');
        const list = await api2.request({ path: '/api/v1/namespaces/default/configmaps' });
        assert.deepEqual(list.json<{ items: Obj[] }>().items.map((i) => i.metadata.name).sort(), ['newer', 'old']);
        api2.close();
      } finally {
        await again.stop();
      }
    } finally {
      await cluster.stop().catch(() => {});
    }
  });
});
