import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPullPolicy, imageTag } from './image-pull-policy.js';

const SHA = 'sha256:' + 'a'.repeat(64);

test('the tag of an image reference, as upstream parses it', () => {
  const cases: [string, string][] = [
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['library/nginx:1.27-alpine', '1.27-alpine'],
    ['registry.example.com:5000/team/app', 'latest'],
    ['registry.example.com:5000/team/app:v2', 'v2'],
    ['localhost:5000/app:dev', 'dev'],
    ['Registry.Example.com/app:v1', 'v1'], // a domain may be upper-case
    [`nginx@${SHA}`, ''], // a digest alone names no tag
    [`nginx:1.27@${SHA}`, '1.27'],
    ['[::1]:5000/app:v1', 'v1'],
    // Unparsable references have no tag.
    ['', ''],
    ['Nginx', ''],
    ['team/App:v1', ''],
    ['nginx:', ''],
    ['nginx@sha256:abc', ''],
    [`nginx@md5:${'a'.repeat(64)}`, ''],
    ['a'.repeat(64), ''],
    [`${'a'.repeat(256)}:v1`, ''],
  ];
  for (const [image, tag] of cases) assert.equal(imageTag(image), tag, image);
});

test('Always for the latest tag, IfNotPresent otherwise', () => {
  assert.equal(defaultPullPolicy('busybox'), 'Always');
  assert.equal(defaultPullPolicy('busybox:latest'), 'Always');
  assert.equal(defaultPullPolicy('busybox:1.36'), 'IfNotPresent');
  assert.equal(defaultPullPolicy(`busybox@${SHA}`), 'IfNotPresent');
  assert.equal(defaultPullPolicy('NOT VALID'), 'IfNotPresent');
});
