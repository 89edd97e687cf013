// PATCH: JSON patch, JSON merge patch and strategic merge patch, applied to the current
// object in the served version, then stored through the same update path as PUT.

import * as errors from '../../machinery/errors.js';
import { applyJsonPatch } from '../../machinery/patch/json-patch.js';
import { applyMergePatch } from '../../machinery/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../../machinery/patch/strategic-merge.js';
import { PatchError } from '../../machinery/patch/errors.js';
import { patchSchemaFor } from '../../api/schema/patch-schema.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { readBody } from '../http/body.js';
import { parseMediaTypes, PATCH_TYPES } from '../http/negotiate.js';
import { isDryRun, type HandlerContext } from './context.js';
import { checkObject } from './decode.js';
import { served, writeResource } from './output.js';

export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const [media] = parseMediaTypes(ctx.req.headers['content-type']);
  const patchType = PATCH_TYPES[media?.type ?? ''];
  if (patchType === undefined || patchType === 'apply') {
    const accepted = Object.keys(PATCH_TYPES).filter((t) => PATCH_TYPES[t] !== 'apply');
    throw errors.unsupportedMediaType(accepted);
  }
  const body = await readBody(ctx.req);
  let patch: unknown;
  try {
    patch = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw errors.badRequest(`error decoding patch: ${(error as Error).message}`);
  }
  const { object } = await ctx.store.update(
    ctx.info.namespace,
    ctx.info.name,
    (current) => {
      const before = served(ctx, current);
      const after = applyPatch(ctx, patchType, before, patch);
      const checked = checkObject(ctx, after, {});
      return ctx.endpoint.conversion.toStorage(checked) as KubeObject;
    },
    { subresource: ctx.info.subresource, dryRun: isDryRun(ctx.query), strictResourceVersion: patchSetsResourceVersion(patchType, patch) },
  );
  writeResource(ctx, 200, object);
}

/** Whether the patch itself names a resourceVersion (then it is the client's precondition). */
function patchSetsResourceVersion(type: 'json' | 'merge' | 'strategic', patch: unknown): boolean {
  if (type === 'json') {
    return Array.isArray(patch) && patch.some((op) => isPlainObject(op) && op.path === '/metadata/resourceVersion');
  }
  return isPlainObject(patch) && isPlainObject(patch.metadata) && patch.metadata.resourceVersion !== undefined;
}

function applyPatch(ctx: HandlerContext, type: 'json' | 'merge' | 'strategic', current: KubeObject, patch: unknown): unknown {
  try {
    switch (type) {
      case 'json':
        return applyJsonPatch(current, patch);
      case 'merge':
        return applyMergePatch(current, patch);
      case 'strategic':
        return applyStrategicMergePatch(current, patch, patchSchemaFor(ctx.endpoint.info.typeName));
    }
  } catch (error) {
    if (error instanceof PatchError) throw error.toAPIError();
    throw error;
  }
}
