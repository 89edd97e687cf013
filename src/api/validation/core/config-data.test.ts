import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators } from './index.js';
import { assertExactly, assertValid, defaulted } from './validation.testing.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const configMap = (extra: Record<string, unknown>, meta: Record<string, unknown> = {}): ApiObject =>
  defaulted('configmaps', { metadata: { name: 'cfg', namespace: 'default', ...meta }, ...extra });
const secret = (extra: Record<string, unknown>, meta: Record<string, unknown> = {}): ApiObject =>
  defaulted('secrets', { metadata: { name: 's', namespace: 'default', ...meta }, ...extra });

describe('ConfigMap', () => {
  const { validate, validateUpdate } = coreValidators.configmaps!;

  test('valid keys and data pass', () => {
    assertValid(validate(configMap({ data: { 'app.conf': 'x=1', KEY_1: 'y' }, binaryData: { 'logo.png': b64('png') } })));
  });

  test('keys must be valid config keys', () => {
    assertExactly(validate(configMap({ data: { 'a/b': 'x' } })), [
      "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    assertExactly(validate(configMap({ data: { '..data': 'x' } })), ["data[..data]: Invalid value: \"..data\": must not start with '..'"]);
    assertExactly(validate(configMap({ data: { k: 'x' }, binaryData: { k: b64('y') } })), [
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]);
  });

  test('at most 1 MiB in total', () => {
    assertValid(validate(configMap({ data: { a: 'x'.repeat(1024 * 1024) } })));
    assertExactly(validate(configMap({ data: { a: 'x'.repeat(1024 * 1024), b: 'y' } })), ['[]: Too long: may not be more than 1048576 bytes']);
  });

  test('immutable ConfigMaps keep their data', () => {
    const old = configMap({ data: { a: '1' }, immutable: true }, { resourceVersion: '2' });
    assertValid(validateUpdate(configMap({ data: { a: '1' }, immutable: true }, { resourceVersion: '2' }), old));
    assertExactly(validateUpdate(configMap({ data: { a: '2' }, immutable: true }, { resourceVersion: '2' }), old), [
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    assertExactly(validateUpdate(configMap({ data: { a: '1' } }, { resourceVersion: '2' }), old), [
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('Secret', () => {
  const { validate, validateUpdate } = coreValidators.secrets!;

  test('an Opaque secret with valid keys passes', () => {
    assertValid(validate(secret({ data: { password: b64('hunter2') } })));
  });

  test('each type requires its keys', () => {
    assertExactly(validate(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } })), ['data[tls.key]: Required value']);
    assertValid(validate(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') }, stringData: { 'tls.key': 'k' } })));
    assertExactly(validate(secret({ type: 'kubernetes.io/dockerconfigjson', data: {} })), ['data[.dockerconfigjson]: Required value']);
    assertExactly(validate(secret({ type: 'kubernetes.io/basic-auth', data: {} })), ['data[username]: Required value', 'data[password]: Required value']);
    assertValid(validate(secret({ type: 'kubernetes.io/basic-auth', data: { username: b64('') } })));
    assertExactly(validate(secret({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } })), ['data[ssh-privatekey]: Required value']);
    assertExactly(validate(secret({ type: 'kubernetes.io/service-account-token' })), [
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]);
    assertValid(validate(secret({ type: 'kubernetes.io/service-account-token' }, { annotations: { 'kubernetes.io/service-account.name': 'default' } })));
  });

  test('docker config content must be JSON', () => {
    const errs = validate(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('not json') } }));
    assert.equal(errs.length, 1);
    assert.ok(errs[0]!.message.startsWith('data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": '), errs[0]!.message);
  });

  test('the type is immutable, and data once immutable', () => {
    const old = secret({ data: { a: b64('1') } }, { resourceVersion: '2' });
    assertExactly(validateUpdate(secret({ type: 'kubernetes.io/tls', data: { a: b64('1'), 'tls.crt': '', 'tls.key': '' } }, { resourceVersion: '2' }), old), [
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
    const frozen = secret({ data: { a: b64('1') }, immutable: true }, { resourceVersion: '2' });
    assertExactly(validateUpdate(secret({ data: { a: b64('2') }, immutable: true }, { resourceVersion: '2' }), frozen), [
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    assertValid(validateUpdate(secret({ stringData: { a: '1' }, immutable: true }, { resourceVersion: '2' }), frozen));
  });
});
