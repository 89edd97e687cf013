// Discovery and OpenAPI over real HTTP: headers, negotiation and caching as clients see
// them, and the real kubectl reading the documents (api-resources, explain from v3 and,
// through the protobuf form, from v2; server-side field validation detected from v3).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { allResources, groups } from '../../api/catalogue.js';
import { writeError } from '../http/respond.js';
import { openapiV2Protobuf } from '../openapi/v2-protobuf.js';
import { openapiV3Document } from '../openapi/v3.js';
import { requireTool, temporaryDirectory } from '../../machinery/x509/testing.js';
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery } from './aggregated.js';
import { apiResourceList } from './legacy.js';
import { discoveryEndpoints } from './serve.js';

const run = promisify(execFile);
const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface TestServer {
  readonly base: string;
  /** Every request URL the server saw. */
  readonly requests: string[];
}

/** A plain-HTTP server with /version, the discovery endpoints, and 404 elsewhere. */
async function startServer(t: TestContext): Promise<TestServer> {
  const endpoints = discoveryEndpoints();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const url = new URL(req.url ?? '/', 'http://test');
    if (url.pathname === '/version') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ major: '1', minor: '36', gitVersion: 'v1.36.0-kubets', platform: 'linux/amd64' }));
      return;
    }
    endpoints.serve(req, res, url).then(
      (served) => {
        if (served) return;
        res.statusCode = 404;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 }));
      },
      (error: unknown) => writeError(res, error),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function get(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.base + path, { headers, redirect: 'manual' });
}

describe('discovery over HTTP', () => {
  test('/api and /apis: aggregated with its Content-Type and ETag when asked, 304 when unchanged', async (t) => {
    const server = await startServer(t);
    for (const root of ['api', 'apis'] as const) {
      const response = await get(server, `/${root}`, { Accept: KUBECTL_ACCEPT });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), AGGREGATED_DISCOVERY_CONTENT_TYPE);
      assert.equal(response.headers.get('etag'), aggregatedDiscovery(root).etag);
      assert.equal(response.headers.get('vary'), 'Accept');
      assert.equal(await response.text(), aggregatedDiscovery(root).body);
      const again = await get(server, `/${root}`, { Accept: KUBECTL_ACCEPT, 'If-None-Match': aggregatedDiscovery(root).etag });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
    }
  });

  test('/api unaggregated names the address the client connected to; /apis/<group>/<version> in YAML when asked', async (t) => {
    const server = await startServer(t);
    const api = await get(server, '/api', { Accept: 'application/json' });
    assert.equal(api.headers.get('content-type'), 'application/json');
    const body = (await api.json()) as { serverAddressByClientCIDRs: { serverAddress: string }[] };
    assert.equal(body.serverAddressByClientCIDRs[0]?.serverAddress, server.base.replace('http://', ''));
    const yaml = await get(server, '/apis/apps/v1/', { Accept: 'application/yaml' });
    assert.equal(yaml.headers.get('content-type'), 'application/yaml');
    assert.deepEqual(parseYaml(await yaml.text()), apiResourceList('apps', 'v1'));
    assert.equal((await get(server, '/apis/apps')).status, 200);
  });

  test('unknown groups and versions fall through to 404', async (t) => {
    const server = await startServer(t);
    for (const path of ['/apis/example.com', '/apis/apps/v2', '/api/v2', '/apis/apps/v1/deployments']) {
      assert.equal((await get(server, path)).status, 404, path);
    }
  });
});

describe('OpenAPI over HTTP', () => {
  test('/openapi/v2 in protobuf for client-go, JSON otherwise, 304 on a matching ETag, 406 for the unproducible', async (t) => {
    const server = await startServer(t);
    const proto = await get(server, '/openapi/v2', { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
    assert.equal(proto.headers.get('content-type'), 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    assert.ok(Buffer.from(await proto.arrayBuffer()).equals(openapiV2Protobuf().body));
    const etag = proto.headers.get('etag') ?? '';
    assert.match(etag, /^"[0-9A-F]{128}"$/);
    const json = await get(server, '/openapi/v2');
    assert.equal(json.headers.get('content-type'), 'application/json');
    assert.equal(((await json.json()) as { swagger: string }).swagger, '2.0');
    assert.equal((await get(server, '/openapi/v2', { 'If-None-Match': etag })).status, 304);
    const refused = await get(server, '/openapi/v2', { Accept: 'text/html' });
    assert.equal(refused.status, 406);
    assert.equal(((await refused.json()) as { reason: string }).reason, 'NotAcceptable');
  });

  test('/openapi/v3: the current hash may be cached for good, an old one is redirected, unknown documents are 404', async (t) => {
    const server = await startServer(t);
    const index = (await (await get(server, '/openapi/v3')).json()) as { paths: Record<string, { serverRelativeURL: string }> };
    const url = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    const current = await get(server, url);
    assert.equal(current.status, 200);
    assert.equal(current.headers.get('cache-control'), 'public, immutable');
    assert.equal(Buffer.from(await current.arrayBuffer()).toString(), openapiV3Document('apis/apps/v1')?.body.toString());
    const stale = await get(server, '/openapi/v3/apis/apps/v1?hash=0123');
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.get('location'), url);
    const unhashed = await get(server, '/openapi/v3/apis/apps/v1');
    assert.equal(unhashed.status, 200);
    assert.equal(unhashed.headers.get('cache-control'), null);
    assert.equal((await get(server, '/openapi/v3/apis/example.com/v1')).status, 404);
  });
});

describe('kubectl against the documents', () => {
  async function kubectlIn(t: TestContext): Promise<((...args: string[]) => Promise<string>) | undefined> {
    if (!requireTool(t, 'kubectl')) return undefined;
    const server = await startServer(t);
    const home = temporaryDirectory(t);
    return async (...args: string[]) => {
      const { stdout } = await run('kubectl', ['--server', server.base, '--cache-dir', join(home, 'cache'), ...args], {
        // No kubeconfig, and kubectl's caches out of the real home.
        env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, 'none') },
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    };
  }

  test('kubectl api-resources lists every resource of each group\'s preferred version', async (t) => {
    const kubectl = await kubectlIn(t);
    if (kubectl === undefined) return;
    const lines = (await kubectl('api-resources', '--no-headers')).trim().split('\n');
    const rows = new Set(lines.map((l) => l.split(/\s+/).filter((c) => c !== '').join(' ')));
    for (const group of groups()) {
      for (const info of allResources().filter((r) => r.group === group.name && r.version === group.preferredVersion)) {
        const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
        const row = [info.resource, info.shortNames.join(','), apiVersion, String(info.namespaced), info.kind].filter((c) => c !== '').join(' ');
        assert.ok(rows.has(row), `kubectl lists "${row}"`);
      }
    }
    assert.equal(lines.length, rows.size);
  });

  test('kubectl explain reads OpenAPI v3, and v2 in its protobuf form', async (t) => {
    const kubectl = await kubectlIn(t);
    if (kubectl === undefined) return;
    const v3 = await kubectl('explain', 'pods.spec.containers');
    assert.match(v3, /KIND:\s+Pod/);
    assert.match(v3, /FIELD: containers <\[\]Container>/);
    assert.match(v3, /name\s+<string> -required-/);
    const scale = await kubectl('explain', 'deployments.spec.strategy');
    assert.match(scale, /GROUP:\s+apps/);
    assert.match(scale, /rollingUpdate\s+<RollingUpdateDeployment>/);
    const v2 = await kubectl('explain', 'deployments.spec.strategy', '--output=plaintext-openapiv2');
    assert.match(v2, /RESOURCE: strategy <Object>/);
    assert.match(v2, /rollingUpdate\s+<Object>/);
  });

  test('kubectl finds server-side field validation in the v3 document and asks for it', async (t) => {
    if (!requireTool(t, 'kubectl')) return;
    const server = await startServer(t);
    const home = temporaryDirectory(t);
    const manifest = join(home, 'deployment.yaml');
    writeFileSync(
      manifest,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\n' +
        'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}\n',
    );
    const create = run('kubectl', ['--server', server.base, '--cache-dir', join(home, 'cache'), 'create', '-f', manifest], {
      env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, 'none') },
      timeout: 60_000,
    });
    // This server has no resource endpoints: the create itself fails with 404.
    await assert.rejects(create);
    const posted = server.requests.find((r) => r.startsWith('POST /apis/apps/v1/namespaces/default/deployments'));
    assert.ok(posted, server.requests.join('\n'));
    assert.match(posted, /fieldValidation=Strict/);
  });
});
