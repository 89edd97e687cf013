// serviceaccounts/token (TokenRequest, authentication.k8s.io/v1): signs a token for the
// service account, optionally bound to a pod, secret or node of its namespace, for the
// requested audiences (default: the API server's) and lifetime (default one hour).

import * as errors from '../../machinery/errors.js';
import { invalid, root, type FieldError } from '../../machinery/field-errors.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { readBody } from '../http/body.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { writeObject } from '../http/respond.js';
import type { BoundObjects } from '../authn/service-account-tokens.js';
import type { HandlerContext } from './context.js';

const API_VERSION = 'authentication.k8s.io/v1';
const KIND = { group: 'authentication.k8s.io', kind: 'TokenRequest' };
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectRef | null;
}

/** POST namespaces/{ns}/serviceaccounts/{name}/token. */
export async function handleTokenRequest(ctx: HandlerContext): Promise<void> {
  const tokens = ctx.serviceAccountTokens;
  if (tokens === undefined) throw errors.methodNotSupported({ group: '', resource: 'serviceaccounts/token' }, 'create');
  const request = await decodeTokenRequest(ctx);
  const spec = request.spec as TokenRequestSpec;
  spec.expirationSeconds ??= DEFAULT_EXPIRATION_SECONDS;
  const invalidities = validateTokenRequest(spec);
  if (invalidities.length > 0) throw errors.invalid(KIND, '', invalidities);

  const { namespace, name } = ctx.info;
  const serviceAccount = await ctx.store.get(namespace, name);
  const bound = spec.boundObjectRef ? await boundObjects(ctx, name, spec.boundObjectRef) : {};
  if (!spec.audiences || spec.audiences.length === 0) spec.audiences = [...tokens.apiAudiences];
  const status = tokens.issue({ serviceAccount, audiences: spec.audiences, expirationSeconds: spec.expirationSeconds, bound });
  const response = {
    kind: 'TokenRequest',
    apiVersion: API_VERSION,
    metadata: { ...request.metadata, name, namespace, creationTimestamp: null },
    spec: { ...spec, boundObjectRef: spec.boundObjectRef ?? null },
    status,
  };
  writeObject(ctx.res, 201, response, { ...ctx.output, shape: 'object' });
}

async function decodeTokenRequest(ctx: HandlerContext): Promise<KubeObject> {
  const { value } = decodeWithDuplicates(await readBody(ctx.req), ctx.req.headers['content-type']);
  if (!isPlainObject(value)) throw errors.badRequest(`Object 'TokenRequest' is missing in '${JSON.stringify(value)}'`);
  if (value.kind !== undefined && value.kind !== '' && value.kind !== 'TokenRequest') {
    throw errors.badRequest(`the kind in the body (${String(value.kind)}) does not match the kind on the URL (TokenRequest)`);
  }
  const metadata = isPlainObject(value.metadata) ? value.metadata : {};
  if (typeof metadata.namespace === 'string' && metadata.namespace !== '' && metadata.namespace !== ctx.info.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return { metadata, spec: isPlainObject(value.spec) ? { ...value.spec } : {} };
}

/** Upstream's ValidateTokenRequest: the lifetime lies between ten minutes and 2^32 seconds. */
export function validateTokenRequest(spec: TokenRequestSpec): FieldError[] {
  const path = root('spec', 'expirationSeconds');
  const seconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const errs: FieldError[] = [];
  if (seconds < MIN_EXPIRATION_SECONDS) errs.push(invalid(path, seconds, 'may not specify a duration less than 10 minutes'));
  if (seconds > MAX_EXPIRATION_SECONDS) errs.push(invalid(path, seconds, 'may not specify a duration larger than 2^32 seconds'));
  return errs;
}

/** The object a token is to be bound to (and, for a pod, its node), checked as upstream does. */
async function boundObjects(ctx: HandlerContext, account: string, ref: BoundObjectRef): Promise<BoundObjects> {
  const [group, version] = splitApiVersion(ref.apiVersion ?? '');
  const refName = ref.name ?? '';
  let bound: BoundObjects;
  let uid: string | undefined;
  if (group === '' && ref.kind === 'Pod') {
    const pod = await getFrom(ctx, 'pods', ctx.info.namespace, refName);
    const podAccount = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? '';
    if (podAccount !== account) {
      throw errors.badRequest(`cannot bind token for serviceaccount ${JSON.stringify(account)} to pod running with different serviceaccount name.`);
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const node = nodeName ? await ctx.registry.storeOf('', 'nodes')?.readLatest('', nodeName) : undefined;
    bound = { pod, node };
    uid = pod.metadata.uid;
  } else if (group === '' && ref.kind === 'Secret') {
    const secret = await getFrom(ctx, 'secrets', ctx.info.namespace, refName);
    bound = { secret };
    uid = secret.metadata.uid;
  } else if (group === '' && ref.kind === 'Node') {
    const node = await getFrom(ctx, 'nodes', '', refName);
    bound = { node };
    uid = node.metadata.uid;
  } else {
    throw errors.badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${ref.kind ?? ''}`);
  }
  if (ref.uid && ref.uid !== uid) {
    const message = `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`;
    throw errors.conflict({ group, resource: ref.kind ?? '' }, refName, message);
  }
  return bound;
}

/** Group and version of an apiVersion; a bare version is the core group's. */
function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

async function getFrom(ctx: HandlerContext, resource: string, namespace: string, name: string): Promise<KubeObject> {
  const store = ctx.registry.storeOf('', resource);
  if (store === undefined) throw errors.notFound({ group: '', resource }, name);
  return store.get(namespace, name);
}
