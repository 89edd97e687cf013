import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { validatePodResize as validate } from './pod-resize.js';
import { assertExactly, assertValid, defaulted } from './validation.testing.js';

const META = { name: 'web', namespace: 'default', resourceVersion: '7', uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z' };
type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const container = (name: string, resources: Resources, extra: Record<string, unknown> = {}) => ({ name, image: 'nginx', resources, ...extra });

function pod(containers: unknown[], { initContainers, status, meta }: { initContainers?: unknown[]; status?: unknown; meta?: Record<string, unknown> } = {}): ApiObject {
  const spec: Record<string, unknown> = { containers };
  if (initContainers) spec.initContainers = initContainers;
  return defaulted('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { ...META, ...meta }, spec, status: status ?? { phase: 'Pending', qosClass: 'Burstable' } });
}

const burstable = (cpu: string) => container('c', { requests: { cpu, memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } });

describe('pods/resize', () => {
  test('cpu and memory may change within the QoS class', () => {
    assertValid(validate(pod([burstable('200m')]), pod([burstable('100m')])));
  });

  test('other resources may not', () => {
    const next = pod([container('c', { requests: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '1Gi' }, limits: { cpu: '500m', memory: '128Mi' } })]);
    assertExactly(validate(next, pod([burstable('100m')])), ['spec: Forbidden: only cpu and memory resources are mutable']);
  });

  test('requests and limits may not be removed', () => {
    const next = pod([container('c', { requests: { cpu: '100m' } })]);
    assertExactly(validate(next, pod([burstable('100m')])), [
      'spec.containers[0].resources.requests: Forbidden: resource requests cannot be removed',
      'spec.containers[0].resources.limits: Forbidden: resource limits cannot be removed',
    ]);
  });

  test('the QoS class may not change', () => {
    const guaranteed = pod([container('c', { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } })]);
    assertExactly(validate(guaranteed, pod([burstable('100m')])), ['spec: Invalid value: "Burstable": Pod QOS Class may not change as a result of resizing']);
  });

  test('containers keep their names and order', () => {
    const old = pod([burstable('100m'), { ...burstable('100m'), name: 'd' }]);
    const next = pod([{ ...burstable('100m'), name: 'd' }, burstable('100m')]);
    assertExactly(validate(next, old), [
      'spec.containers[0].name: Forbidden: containers may not be renamed or reordered on resize',
      'spec.containers[1].name: Forbidden: containers may not be renamed or reordered on resize',
    ]);
    assertExactly(validate(pod([burstable('100m'), { ...burstable('200m'), name: 'e' }]), pod([burstable('100m')])), ['spec.containers: Forbidden: containers may not be added or removed on resize']);
  });

  test('init containers: sidecars resize, others with RestartContainer do not', () => {
    const sidecar = (cpu: string) => container('s', { requests: { cpu } }, { restartPolicy: 'Always' });
    assertValid(validate(pod([burstable('100m')], { initContainers: [sidecar('200m')] }), pod([burstable('100m')], { initContainers: [sidecar('100m')] })));
    const init = (cpu: string) => container('i', { requests: { cpu } }, { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] });
    assertExactly(validate(pod([burstable('100m')], { initContainers: [init('200m')] }), pod([burstable('100m')], { initContainers: [init('100m')] })), [
      'spec.initContainers[0]: Forbidden: non-sidecar init containers with a resize policy of RestartContainer cannot be resized',
    ]);
  });

  test('static, Windows and pod-level-resourced pods, and nodes without resize, refuse', () => {
    const mirror = { annotations: { 'kubernetes.io/config.mirror': 'x' } };
    const old = pod([burstable('100m')], { meta: mirror });
    const staticPod = defaulted('pods', { ...old, spec: { ...(old.spec as object), nodeName: 'n1' } });
    const resizedStatic = defaulted('pods', { ...staticPod, spec: { ...(staticPod.spec as object), containers: [burstable('200m')] } });
    assertExactly(validate(resizedStatic, staticPod), ['[]: Forbidden: static pods cannot be resized']);
    const running = { phase: 'Running', qosClass: 'Burstable', containerStatuses: [{ name: 'c', state: { running: {} } }] };
    assertExactly(validate(pod([burstable('200m')], { status: running }), pod([burstable('100m')], { status: running })), [
      'spec: Forbidden: Pod running on node without support for resize',
    ]);
    const reporting = { ...running, containerStatuses: [{ name: 'c', state: { running: {} }, resources: {} }] };
    assertValid(validate(pod([burstable('200m')], { status: reporting }), pod([burstable('100m')], { status: reporting })));
  });
});
