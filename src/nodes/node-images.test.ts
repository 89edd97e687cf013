import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerImage, imageID, NodeImages, normalizeImage } from './node-images.js';

test('image names are normalized as a container runtime reports them', () => {
  assert.equal(normalizeImage('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(normalizeImage('bitnami/redis:7'), 'docker.io/bitnami/redis:7');
  assert.equal(normalizeImage('registry.k8s.io/pause:3.10'), 'registry.k8s.io/pause:3.10');
  assert.equal(normalizeImage('localhost:5000/app'), 'localhost:5000/app:latest');
});

test('an image is listed by its repo digest (the imageID pods report) and its tag, with a stable size', () => {
  const image = containerImage('nginx:1.27');
  assert.deepEqual(image.names, [imageID('docker.io/library/nginx:1.27'), 'docker.io/library/nginx:1.27']);
  assert.match(image.names[0] ?? '', /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.equal(containerImage('docker.io/library/nginx:1.27').sizeBytes, image.sizeBytes);
  assert.ok(image.sizeBytes >= 1_000_000);
  const pinned = `docker.io/library/nginx@sha256:${'a'.repeat(64)}`;
  assert.deepEqual(containerImage(pinned).names, [pinned]);
});

test('pre-pulled images are there from the start; a pulled image is new once', () => {
  const images = new NodeImages(['registry.k8s.io/pause:3.10']);
  assert.deepEqual(images.list().map((i) => i.names[1]), ['registry.k8s.io/pause:3.10']);
  assert.equal(images.add(['nginx:1.27', 'registry.k8s.io/pause:3.10']), true);
  assert.equal(images.add(['docker.io/library/nginx:1.27', '']), false, 'the same image spelled in full');
  assert.equal(images.list().length, 2);
});

test('the list is largest first and at most 50 long, as kubelet reports it', () => {
  const images = new NodeImages([], 50);
  images.add(Array.from({ length: 80 }, (_, i) => `example.com/app-${i}:v1`));
  const listed = images.list();
  assert.equal(listed.length, 50);
  const sizes = listed.map((i) => i.sizeBytes);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  const all = Array.from({ length: 80 }, (_, i) => containerImage(`example.com/app-${i}:v1`).sizeBytes).sort((a, b) => b - a);
  assert.deepEqual(sizes, all.slice(0, 50), 'the 50 largest');
  listed[0]?.names.push('changed');
  assert.equal(images.list()[0]?.names.length, 2, 'callers get copies');
});
