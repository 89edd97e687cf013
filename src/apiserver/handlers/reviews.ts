// The review resources: requests that are answered, not stored. Until authorization
// exists every authenticated user may do everything, and the answers say so:
// SelfSubjectReview (`kubectl auth whoami`) names the caller; TokenReview says whom a
// bearer token authenticates; access reviews (`kubectl auth can-i`) allow; rules reviews
// list everything.

import * as errors from '../../machinery/errors.js';
import type { AuthenticatedUser } from '../pki/client-certificate-user.js';
import { readBody } from '../http/body.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { writeObject } from '../http/respond.js';
import { isPlainObject } from '../object.js';
import { nowTimestamp } from '../registry/time.js';
import { apiVersionOf, type HandlerContext } from './context.js';

type Answer = (ctx: HandlerContext, review: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

const ALLOWED: Answer = () => ({ allowed: true });

const ANSWERS: Readonly<Record<string, Answer>> = {
  'authentication.k8s.io/selfsubjectreviews': (ctx) => ({ userInfo: userInfo(ctx.user) }),
  'authentication.k8s.io/tokenreviews': tokenReview,
  'authorization.k8s.io/selfsubjectaccessreviews': ALLOWED,
  'authorization.k8s.io/subjectaccessreviews': ALLOWED,
  'authorization.k8s.io/localsubjectaccessreviews': ALLOWED,
  'authorization.k8s.io/selfsubjectrulesreviews': () => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
};

/** Every authenticated user is also in system:authenticated, as upstream adds. */
function userInfo(user: AuthenticatedUser): Record<string, unknown> {
  const groups = [...user.groups];
  if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  const info: Record<string, unknown> = { username: user.name, groups };
  if (user.uid) info.uid = user.uid;
  if (user.extra && Object.keys(user.extra).length > 0) info.extra = user.extra;
  return info;
}

/** TokenReview: whom spec.token authenticates, for spec.audiences (default the API server's). */
async function tokenReview(ctx: HandlerContext, review: Record<string, unknown>): Promise<Record<string, unknown>> {
  const spec = isPlainObject(review.spec) ? review.spec : {};
  const token = typeof spec.token === 'string' ? spec.token : '';
  if (token === '') throw errors.badRequest('token is required for TokenReview in authentication');
  const requested = Array.isArray(spec.audiences) ? spec.audiences.filter((a): a is string => typeof a === 'string') : [];
  const outcome = await ctx.tokenAuthenticator?.authenticate(token, requested.length > 0 ? requested : undefined);
  if (outcome === undefined) return { user: {} };
  if (!outcome.ok) return { user: {}, error: outcome.error };
  return { authenticated: true, user: userInfo(outcome.user), audiences: outcome.audiences };
}

export function reviewHandler(group: string, resource: string): ((ctx: HandlerContext) => Promise<void>) | undefined {
  const answer = ANSWERS[`${group}/${resource}`];
  if (answer === undefined) return undefined;
  return async (ctx) => {
    const { value } = decodeWithDuplicates(await readBody(ctx.req), ctx.req.headers['content-type']);
    const review = isPlainObject(value) ? value : {};
    const metadata = isPlainObject(review.metadata) ? review.metadata : {};
    const response: Record<string, unknown> = {
      kind: ctx.endpoint.info.kind,
      apiVersion: apiVersionOf(ctx.endpoint),
      metadata: { ...metadata, creationTimestamp: nowTimestamp() },
    };
    if (review.spec !== undefined) response.spec = review.spec;
    response.status = await answer(ctx, review);
    writeObject(ctx.res, 201, response, { ...ctx.output, shape: 'object' });
  };
}
