// List and watch of one resource, with upstream's resourceVersion semantics:
// - list, resourceVersion unset: the latest state (the cache waits for every acknowledged write);
// - list, "0": whatever the cache has now;
// - list, N (NotOlderThan): the cache once it has reached N (504 if it does not in time);
// - list, N with resourceVersionMatch=Exact, and every page after the first: the store at
//   that revision, so that the pages form one consistent snapshot.
// - watch, unset or "0": the current objects as ADDED events, then changes;
// - watch, N: changes after N from the cache's window (410 Expired when N is older);
// - sendInitialEvents=true: the current objects first, ended by a bookmark annotated
//   `k8s.io/initial-events-end: "true"`.

import * as errors from '../../machinery/errors.js';
import { decodeFromStorage, type KubeObject } from '../object.js';
import type { GenericStore } from './generic-store.js';
import { storeErrorToAPIError } from './store-errors.js';
import { TooOldRevisionError, type CacheWatcher, type WatchOutput } from './watch-cache.js';

export interface ListQuery {
  readonly namespace: string;
  readonly matches?: (obj: KubeObject) => boolean;
  /** Whether a selector is set (upstream then omits remainingItemCount). */
  readonly filtered: boolean;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

export interface ListOutcome {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** How long a list or watch waits for the cache to reach a requested revision. */
const FRESHNESS_WAIT_MS = 3000;

interface ContinueToken {
  readonly rv: number;
  readonly store: string;
}

export async function listObjects(resource: GenericStore, query: ListQuery): Promise<ListOutcome> {
  if (query.continue) return listFromStore(resource, query, decodeContinue(query.continue));
  const rv = parseResourceVersion(query.resourceVersion);
  if (query.resourceVersionMatch === 'Exact') {
    if (rv === undefined || rv === 0) {
      throw errors.badRequest('resourceVersionMatch "Exact" requires a non-zero resourceVersion');
    }
    return listFromStore(resource, query, { rv, store: '' });
  }
  const hub = resource.hub;
  if (rv === undefined) await hub.waitForLatest(FRESHNESS_WAIT_MS);
  else if (rv > 0 && !(await hub.waitFor(rv, FRESHNESS_WAIT_MS))) {
    throw errors.tooLargeResourceVersion(rv, hub.currentRevision, 1);
  }
  const revision = resource.cache.revision;
  const items = resource.cache.list(resource.scopePrefix(query.namespace), query.matches);
  if (query.limit === undefined || query.limit <= 0 || items.length <= query.limit) {
    return { items, resourceVersion: String(revision) };
  }
  // More than one page: read pages from the store at the cache's revision.
  return listFromStore(resource, query, { rv: revision, store: '' });
}

async function listFromStore(resource: GenericStore, query: ListQuery, token: ContinueToken): Promise<ListOutcome> {
  const store = resource.store;
  const limit = query.limit && query.limit > 0 ? query.limit : 0;
  const items: KubeObject[] = [];
  let storeToken = token.store || undefined;
  let remaining: number | undefined;
  try {
    do {
      const want = limit > 0 ? limit - items.length : 0;
      const page = await store.list(resource.scopePrefix(query.namespace), {
        atRevision: storeToken ? undefined : token.rv,
        limit: want,
        continue: storeToken,
      });
      for (const kv of page.items) {
        const obj = decodeFromStorage(kv.value, kv.modRevision);
        if (query.matches === undefined || query.matches(obj)) items.push(obj);
      }
      storeToken = page.continue;
      remaining = page.remaining;
    } while (storeToken !== undefined && (limit === 0 || items.length < limit));
  } catch (error) {
    const mapped = storeErrorToAPIError(error, resource);
    if (query.continue && errors.isResourceExpired(mapped)) throw expiredContinue();
    throw mapped;
  }
  const outcome: { -readonly [K in keyof ListOutcome]: ListOutcome[K] } = { items, resourceVersion: String(token.rv) };
  if (storeToken !== undefined) {
    outcome.continue = encodeContinue({ rv: token.rv, store: storeToken });
    if (!query.filtered && remaining !== undefined) outcome.remainingItemCount = remaining;
  }
  return outcome;
}

export interface WatchQuery {
  readonly namespace: string;
  readonly matches?: (obj: KubeObject) => boolean;
  readonly resourceVersion?: string;
  readonly sendInitialEvents?: boolean;
  readonly allowBookmarks: boolean;
}

/**
 * Starts a watch. The sink receives outputs synchronously. Throws APIError 410 when the
 * requested revision is older than the cache's window (the handler sends it as an
 * ERROR event, as upstream does).
 */
export async function watchObjects(
  resource: GenericStore,
  query: WatchQuery,
  sink: (output: WatchOutput) => void,
): Promise<CacheWatcher> {
  const rv = parseResourceVersion(query.resourceVersion);
  const hub = resource.hub;
  const initial = query.sendInitialEvents ?? (rv === undefined || rv === 0);
  if (rv === undefined) await hub.waitForLatest(FRESHNESS_WAIT_MS);
  else if (rv > 0 && initial && !(await hub.waitFor(rv, FRESHNESS_WAIT_MS))) {
    throw errors.tooLargeResourceVersion(rv, hub.currentRevision, 1);
  }
  const filter = { namespace: query.namespace, matches: query.matches };
  try {
    const watcher = resource.cache.watch(filter, rv ?? 0, initial, sink);
    if (query.sendInitialEvents && query.allowBookmarks) {
      watcher.send(bookmark(resource, resource.cache.revision, true));
    }
    return watcher;
  } catch (error) {
    if (error instanceof TooOldRevisionError) throw errors.tooOldResourceVersion(error.requested, error.oldest);
    throw error;
  }
}

/** A BOOKMARK carrying only kind, apiVersion and resourceVersion (and the initial-events-end mark). */
export function bookmark(resource: GenericStore, revision: number, initialEventsEnd = false): WatchOutput {
  const metadata: KubeObject['metadata'] = { resourceVersion: String(revision) };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return {
    type: 'BOOKMARK',
    object: { kind: resource.identity.kind, apiVersion: resource.identity.storageApiVersion, metadata },
    revision,
  };
}

export function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw errors.badRequest(`invalid resource version "${value}"`);
  }
  return n;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, s: token.store })).toString('base64url');
}

function decodeContinue(value: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { v?: string; rv?: unknown; s?: unknown };
    if (parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.s === 'string') {
      return { rv: parsed.rv, store: parsed.s };
    }
  } catch {
    // fall through to the error below
  }
  throw errors.badRequest('continue key is not valid: invalid continue token');
}

function expiredContinue(): errors.APIError {
  return errors.resourceExpired(
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );
}
