import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../client/index.js';
import type { PodAffinityTerm } from '../../framework/types.js';
import { compileTerm, termMatches } from './terms.js';

const pod = (name: string, namespace: string, labels: Record<string, string> = {}): Pod => ({ metadata: { name, namespace, labels }, spec: { containers: [] } });

test('a compiled term is reused for its pod, but a term object shared by pods of two namespaces scopes each to its own', () => {
  const term: PodAffinityTerm = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' };
  const inBlue = compileTerm(term, pod('a', 'blue'));
  assert.equal(compileTerm(term, pod('a', 'blue')), inBlue, 'compiled once');
  const inRed = compileTerm(term, pod('b', 'red'));
  assert.deepEqual([termMatches(inBlue, pod('x', 'blue', { app: 'web' })), termMatches(inBlue, pod('y', 'red', { app: 'web' }))], [true, false]);
  assert.deepEqual([termMatches(inRed, pod('x', 'blue', { app: 'web' })), termMatches(inRed, pod('y', 'red', { app: 'web' }))], [false, true]);
});

test('terms with a namespaceSelector are compiled again, so changed namespace labels count', () => {
  const term: PodAffinityTerm = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone', namespaceSelector: { matchLabels: { team: 'x' } } };
  let labels: Record<string, string> = {};
  const before = compileTerm(term, pod('a', 'blue'), () => labels);
  assert.equal(termMatches(before, pod('p', 'green', { app: 'web' })), false);
  labels = { team: 'x' };
  assert.equal(termMatches(compileTerm(term, pod('a', 'blue'), () => labels), pod('p', 'green', { app: 'web' })), true);
});
