// Subresources other than status. `scale` is generic over the workload kinds that have it;
// the others (pods/binding, pods/eviction, pods/log, namespaces/finalize, …) belong to
// their kinds and are added with them.

import * as errors from '../../machinery/errors.js';
import { selectorToString } from '../selectors.js';
import type { KubeObject } from '../object.js';
import { readBody } from '../http/body.js';
import { writeObject } from '../http/respond.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { isDryRun, type HandlerContext } from './context.js';
import { handleBinding, handleEviction } from './pod-subresources.js';
import { handlePodLog } from './pod-log.js';
import { handleNodeProxy } from './node-proxy.js';
import { handlePodConnect } from './pod-connect.js';

/** Pod subresources that would connect a stream to the container. */
const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);
import { handleTokenRequest } from './token-request.js';
import { applyMergePatch } from '../../machinery/patch/merge-patch.js';
import { applyJsonPatch } from '../../machinery/patch/json-patch.js';
import { PatchError } from '../../machinery/patch/errors.js';
import { parseMediaTypes, PATCH_TYPES } from '../http/negotiate.js';

export async function handleSubresource(ctx: HandlerContext): Promise<void> {
  if (ctx.info.subresource === 'scale' && ctx.store !== undefined) return handleScale(ctx);
  const podResource = ctx.endpoint.info.group === '' && ctx.endpoint.info.resource === 'pods';
  if (podResource && ctx.info.subresource === 'binding') return handleBinding(ctx, ctx.store);
  if (podResource && ctx.info.subresource === 'eviction') return handleEviction(ctx, ctx.store);
  if (podResource && ctx.info.subresource === 'log') return handlePodLog(ctx);
  if (podResource && CONNECT_SUBRESOURCES.has(ctx.info.subresource)) return handlePodConnect(ctx);
  const nodeResource = ctx.endpoint.info.group === '' && ctx.endpoint.info.resource === 'nodes';
  if (nodeResource && ctx.info.subresource === 'proxy') return handleNodeProxy(ctx);
  const serviceAccounts = ctx.endpoint.info.group === '' && ctx.endpoint.info.resource === 'serviceaccounts';
  if (serviceAccounts && ctx.info.subresource === 'token') return handleTokenRequest(ctx);
  const qr = { group: ctx.endpoint.info.group, resource: `${ctx.endpoint.info.resource}/${ctx.info.subresource}` };
  throw errors.methodNotSupported(qr, ctx.info.verb);
}

interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function scaleOf(obj: KubeObject): Scale {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const scale: Scale = {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: spec.replicas === undefined ? {} : { replicas: spec.replicas },
    status: { replicas: status.replicas ?? 0 },
  };
  const selector = selectorToString(spec.selector);
  if (selector !== '') scale.status.selector = selector;
  return scale;
}

async function handleScale(ctx: HandlerContext): Promise<void> {
  const { namespace, name } = ctx.info;
  if (ctx.info.verb === 'get') {
    writeObject(ctx.res, 200, scaleOf(await ctx.store.get(namespace, name)), ctx.output);
    return;
  }
  if (ctx.info.verb !== 'update' && ctx.info.verb !== 'patch') {
    throw errors.methodNotSupported({ group: ctx.endpoint.info.group, resource: `${ctx.endpoint.info.resource}/scale` }, ctx.info.verb);
  }
  const body = await readBody(ctx.req);
  const contentType = ctx.req.headers['content-type'];
  const { object } = await ctx.store.update(
    namespace,
    name,
    (current) => {
      const desired = desiredScale(ctx, scaleOf(current), body, contentType);
      const replicas = desired.spec?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        throw errors.invalid({ group: 'autoscaling', kind: 'Scale' }, name, []);
      }
      const next = { ...current, spec: { ...(current.spec as object), replicas } } as KubeObject;
      const rv = desired.metadata?.resourceVersion;
      next.metadata = { ...current.metadata };
      if (typeof rv === 'string' && rv !== '') next.metadata.resourceVersion = rv;
      else delete next.metadata.resourceVersion;
      return next;
    },
    { subresource: '', dryRun: isDryRun(ctx.query), strictResourceVersion: scaleNamesVersion(ctx, body) },
  );
  writeObject(ctx.res, 200, scaleOf(object), ctx.output);
}

/** Whether the client's Scale (or patch of it) names the resourceVersion it expects. */
function scaleNamesVersion(ctx: HandlerContext, body: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (ctx.info.verb === 'update' || !Array.isArray(value)) {
      const meta = (value as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
      return meta?.resourceVersion !== undefined && meta.resourceVersion !== '';
    }
    return value.some((op: { path?: unknown }) => op.path === '/metadata/resourceVersion');
  } catch {
    return false;
  }
}

function desiredScale(ctx: HandlerContext, current: Scale, body: Buffer, contentType: string | undefined): Partial<Scale> {
  if (ctx.info.verb === 'update') return decodeWithDuplicates(body, contentType).value as Partial<Scale>;
  const [media] = parseMediaTypes(contentType);
  const type = PATCH_TYPES[media?.type ?? ''];
  const patch: unknown = JSON.parse(body.toString('utf8'));
  try {
    if (type === 'json') return applyJsonPatch(current, patch) as Partial<Scale>;
    if (type === 'merge' || type === 'strategic') return applyMergePatch(current, patch) as Partial<Scale>;
  } catch (error) {
    if (error instanceof PatchError) throw error.toAPIError();
    throw error;
  }
  throw errors.unsupportedMediaType(Object.keys(PATCH_TYPES));
}
