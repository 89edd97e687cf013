// pods/exec, pods/attach and pods/portforward: the checks upstream's API server makes before
// it connects the client to the kubelet (the container exists, the pod is bound), with
// upstream's messages. Past them, a simulated node has no process to connect to, and
// kubets does not proxy a stream to a real kubelet: the client gets a 400 that says so,
// rather than a bare 405.

import * as errors from '../../machinery/errors.js';
import type { KubeObject } from '../object.js';
import type { HandlerContext } from './context.js';
import { containerOf, type PodOnNode, isSimulated, nodeNamed } from './kubelet.js';

export async function handlePodConnect(ctx: HandlerContext): Promise<void> {
  const { namespace, name, subresource } = ctx.info;
  const pod = (await ctx.store.get(namespace, name)) as KubeObject & PodOnNode;
  if (subresource !== 'portforward') containerOf(pod, name, ctx.query.get('container'));
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) throw errors.badRequest(`pod ${name} does not have a host assigned`);
  const node = await nodeNamed(ctx, nodeName);
  const why = isSimulated(node)
    ? `node ${nodeName} is simulated by kubets and runs no processes`
    : `kubets does not connect ${subresource} streams to a kubelet yet`;
  throw errors.badRequest(`${subresource} is not available for pod ${name}: ${why}`);
}
