import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../client/index.js';
import { podBlocksClaim } from './pvc-protection-controller.js';

const pod = (nodeName: string | undefined, phase: string): Pod => ({
  metadata: { name: 'p' },
  spec: { nodeName, containers: [], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] },
  status: { phase },
});

test('only a scheduled, unterminated pod that uses the claim blocks it', () => {
  assert.equal(podBlocksClaim(pod('n1', 'Running'), 'data'), true);
  assert.equal(podBlocksClaim(pod('n1', 'Pending'), 'data'), true);
  assert.equal(podBlocksClaim(pod('n1', 'Running'), 'other'), false);
  assert.equal(podBlocksClaim(pod(undefined, 'Pending'), 'data'), false);
  assert.equal(podBlocksClaim(pod('n1', 'Succeeded'), 'data'), false);
  assert.equal(podBlocksClaim(pod('n1', 'Failed'), 'data'), false);
});
