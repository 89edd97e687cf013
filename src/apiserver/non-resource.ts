// Endpoints outside the resource tree: health checks, version, discovery and OpenAPI.

import type { IncomingRequest } from './http/body.js';
import { writeObject, writeText, type Response } from './http/respond.js';
import * as errors from '../machinery/errors.js';
import type { DiscoveryEndpoints } from './discovery/serve.js';

export type NonResourceHandler = (req: IncomingRequest, res: Response, url: URL) => Promise<void>;

/** A named readiness or liveness check; returns an error message, or undefined when healthy. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<string | undefined>;
}

export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

export interface NonResourceDeps {
  readonly version: VersionInfo;
  readonly livez: readonly HealthCheck[];
  readonly readyz: readonly HealthCheck[];
  readonly discovery: DiscoveryEndpoints;
}

const HEALTH_PATHS = new Set(['healthz', 'livez', 'readyz']);

export function nonResourceHandler(deps: NonResourceDeps): NonResourceHandler {
  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const [first = '', second] = path.split('/').filter((s) => s !== '');
    if (HEALTH_PATHS.has(first)) {
      const checks = first === 'livez' ? deps.livez : deps.readyz;
      await health(res, first, checks, second, url.searchParams);
      return;
    }
    if (path === '/version') {
      writeObject(res, 200, deps.version);
      return;
    }
    if (await deps.discovery.serve(req, res, url)) return;
    if (path === '/') {
      writeObject(res, 200, { paths: deps.discovery.rootPaths() });
      return;
    }
    throw errors.genericServerResponse(404, {});
  };
}

/**
 * /healthz, /livez, /readyz as upstream: `ok` (200) or a list of failed checks (500);
 * `?verbose` lists every check; `/readyz/<name>` runs one check; `?exclude=<name>` skips.
 */
async function health(
  res: Response,
  endpoint: string,
  checks: readonly HealthCheck[],
  only: string | undefined,
  query: URLSearchParams,
): Promise<void> {
  const excluded = new Set(query.getAll('exclude'));
  const selected = [{ name: 'ping', check: async () => undefined }, ...checks].filter(
    (c) => (only === undefined || c.name === only) && !excluded.has(c.name),
  );
  if (only !== undefined && selected.length === 0) throw errors.genericServerResponse(404, {});
  const results = await Promise.all(selected.map(async (c) => ({ name: c.name, error: await c.check() })));
  const failed = results.filter((r) => r.error !== undefined);
  if (only !== undefined) {
    const [result] = results;
    writeText(res, failed.length ? 500 : 200, failed.length ? `internal server error: ${result?.error ?? ''}` : 'ok');
    return;
  }
  if (!query.has('verbose') && failed.length === 0) {
    writeText(res, 200, 'ok');
    return;
  }
  const lines = results.map((r) => (r.error === undefined ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`));
  for (const r of failed) lines.push(`${r.name} check failed: ${r.error ?? ''}`);
  const verdict = failed.length === 0 ? `${endpoint} check passed` : `${endpoint} check failed`;
  writeText(res, failed.length === 0 ? 200 : 500, `${lines.join('\n')}\n${verdict}\n`);
}
