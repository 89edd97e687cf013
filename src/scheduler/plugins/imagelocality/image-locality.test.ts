import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeNode, makePod, nodeInfo } from '../../testing/fixtures.js';
import { normalizedImageName } from '../../framework/images.js';
import { imageLocality } from './image-locality.js';
import { Snapshot } from '../../cache/snapshot.js';

const MB = 1024 * 1024;

function withImages(name: string, images: { names: string[]; sizeBytes: number }[]) {
  const n = makeNode(name);
  n.status = { ...n.status, images };
  return nodeInfo(n);
}

test('image names without a tag mean :latest', () => {
  assert.equal(normalizedImageName('nginx'), 'nginx:latest');
  assert.equal(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
  assert.equal(normalizedImageName('nginx:1.27'), 'nginx:1.27');
});

test('score: size × share of nodes holding the image, scaled between 23 MB and 1000 MB per container', () => {
  const nodes: NodeInfo[] = [
    withImages('big', [{ names: ['docker.io/app:1', 'app:1'], sizeBytes: 500 * MB }]),
    withImages('none', []),
  ];
  const plugin = imageLocality({ snapshot: () => Snapshot.of(nodes), bind: async () => {} });
  const pod = makePod('p', {}, { containers: [{ name: 'c', image: 'app:1' }] });
  const state = new CycleState();
  plugin.preScore(state, pod, nodes);
  // 500 MB × 1/2 = 250 MB → 100 × (250 − 23) / (1000 − 23) = 23.
  assert.equal(plugin.score(state, pod, nodes[0]!).score, 23);
  assert.equal(plugin.score(state, pod, nodes[1]!).score, 0);
});
