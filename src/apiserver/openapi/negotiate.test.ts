import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptsOpenAPIV3Json, negotiateOpenAPIV2 } from './negotiate.js';

describe('negotiateOpenAPIV2', () => {
  test('client-go OpenAPISchema() asks for protobuf under its old spelling; the new one works too', () => {
    assert.equal(negotiateOpenAPIV2('application/com.github.proto-openapi.spec.v2@v1.0+protobuf'), 'protobuf');
    assert.equal(negotiateOpenAPIV2('application/com.github.proto-openapi.spec.v2.v1.0+protobuf'), 'protobuf');
  });

  test('JSON when asked for, for wildcards, and without an Accept header', () => {
    for (const accept of ['application/json', '*/*', 'application/*', undefined, '', 'application/json, */*']) {
      assert.equal(negotiateOpenAPIV2(accept), 'json', String(accept));
    }
  });

  test('the best clause the server has wins', () => {
    assert.equal(negotiateOpenAPIV2('application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf'), 'protobuf');
    assert.equal(negotiateOpenAPIV2('text/html, application/json;q=0.1'), 'json');
  });

  test('nothing acceptable → undefined (406)', () => {
    assert.equal(negotiateOpenAPIV2('text/html'), undefined);
    assert.equal(negotiateOpenAPIV2('application/yaml'), undefined);
  });
});

describe('acceptsOpenAPIV3Json', () => {
  test('JSON or wildcards are accepted; protobuf only is not', () => {
    assert.equal(acceptsOpenAPIV3Json('application/json'), true);
    assert.equal(acceptsOpenAPIV3Json(undefined), true);
    assert.equal(acceptsOpenAPIV3Json('application/com.github.proto-openapi.spec.v3@v1.0+protobuf, */*'), true);
    assert.equal(acceptsOpenAPIV3Json('application/com.github.proto-openapi.spec.v3@v1.0+protobuf'), false);
  });
});
