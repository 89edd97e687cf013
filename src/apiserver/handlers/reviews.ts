// The review resources: requests that are answered, not stored. Until authorization
// exists every authenticated user may do everything, and the answers say so:
// SelfSubjectReview (`kubectl auth whoami`) names the caller; access reviews
// (`kubectl auth can-i`) allow; rules reviews list everything.

import { readBody } from '../http/body.js';
import { decodeWithDuplicates } from '../http/decode-body.js';
import { writeObject } from '../http/respond.js';
import { isPlainObject } from '../object.js';
import { nowTimestamp } from '../registry/time.js';
import { apiVersionOf, type HandlerContext } from './context.js';

type Answer = (ctx: HandlerContext, review: Record<string, unknown>) => Record<string, unknown>;

const ALLOWED: Answer = () => ({ allowed: true });

const ANSWERS: Readonly<Record<string, Answer>> = {
  'authentication.k8s.io/selfsubjectreviews': (ctx) => ({ userInfo: userInfo(ctx) }),
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
function userInfo(ctx: HandlerContext): Record<string, unknown> {
  const groups = [...ctx.user.groups];
  if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  const info: Record<string, unknown> = { username: ctx.user.name, groups };
  if (ctx.user.uid) info.uid = ctx.user.uid;
  return info;
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
    response.status = answer(ctx, review);
    writeObject(ctx.res, 201, response, { ...ctx.output, shape: 'object' });
  };
}
