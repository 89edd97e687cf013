import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAccept } from './accept-header.js';
import { negotiateDiscovery } from './negotiate.js';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

describe('negotiateDiscovery', () => {
  test('kubectl 1.32 / client-go: v2 first, then v2beta1, then plain JSON → aggregated v2', () => {
    assert.equal(negotiateDiscovery(`${V2},${V2BETA1},application/json`), 'aggregated-v2');
  });

  test('kubectl 1.28: v2beta1 only → unaggregated, as kube-apiserver ≥ 1.33 answers', () => {
    assert.equal(negotiateDiscovery(`${V2BETA1},application/json`), 'legacy');
  });

  test('plain, wildcard or missing Accept → unaggregated', () => {
    for (const accept of [undefined, '', 'application/json', 'application/json, */*', '*/*', 'application/yaml']) {
      assert.equal(negotiateDiscovery(accept), 'legacy', String(accept));
    }
  });

  test('the first acceptable clause decides: plain JSON before the aggregated type means unaggregated', () => {
    assert.equal(negotiateDiscovery(`application/json,${V2}`), 'legacy');
  });

  test('quality wins over order', () => {
    assert.equal(negotiateDiscovery(`application/json;q=0.5,${V2}`), 'aggregated-v2');
  });

  test('conversions discovery does not offer (Table) are passed over, not taken as unaggregated', () => {
    assert.equal(negotiateDiscovery(`application/json;as=Table;v=v1;g=meta.k8s.io,${V2}`), 'aggregated-v2');
  });

  test('aggregated protobuf or YAML is passed over for the JSON clause after it', () => {
    const proto = 'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    assert.equal(negotiateDiscovery(`${proto},${V2},application/json`), 'aggregated-v2');
    assert.equal(negotiateDiscovery(`${proto},application/json`), 'legacy');
    assert.equal(negotiateDiscovery('application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/yaml'), 'legacy');
  });

  test('a wildcard range with the aggregated parameters is aggregated; parameter order and spacing do not matter', () => {
    assert.equal(negotiateDiscovery('*/*;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io'), 'aggregated-v2');
    assert.equal(negotiateDiscovery('application/json; as=APIGroupDiscoveryList; g=apidiscovery.k8s.io; v=v2'), 'aggregated-v2');
  });
});

describe('parseAccept', () => {
  test('orders by quality, then concrete before wildcard, else as written; q is not a parameter', () => {
    const clauses = parseAccept('*/*;q=0.8, text/*, application/json;q=0.9, text/html');
    assert.deepEqual(
      clauses.map((c) => `${c.type}/${c.subtype};${c.q}`),
      ['text/html;1', 'text/*;1', 'application/json;0.9', '*/*;0.8'],
    );
    assert.equal(clauses[2]?.params.has('q'), false);
  });

  test('malformed ranges are skipped; values lose their quotes', () => {
    const clauses = parseAccept('nonsense, application/json;g="meta.k8s.io", text/plain;broken');
    assert.equal(clauses.length, 1);
    assert.equal(clauses[0]?.params.get('g'), 'meta.k8s.io');
  });
});
