import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alreadyExists, APIError, asAPIError, badRequest, conflict, forbidden, genericServerResponse, gone, internalError,
  invalid, isAlreadyExists, isConflict, isInvalid, isNotFound, isResourceExpired, isTooManyRequests, methodNotSupported,
  notAcceptable, notFound, OBJECT_MODIFIED_ERROR, requestEntityTooLarge, resourceExpired, serviceUnavailable, timeout,
  tooLargeResourceVersion, tooManyRequests, tooOldResourceVersion, unauthorized, unsupportedMediaType, generateNameConflict,
} from './errors.js';
import { duplicate, required, root, invalid as fieldInvalid } from './field-errors.js';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };

test('notFound renders the Status kube-apiserver sends', () => {
  assert.deepEqual(JSON.stringify(notFound(pods, 'x').toStatus()),
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found",' +
    '"reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}');
  const e = notFound(deployments, 'web');
  assert.equal(e.message, 'deployments.apps "web" not found');
  assert.deepEqual(e.toStatus().details, { name: 'web', group: 'apps', kind: 'deployments' });
  assert.ok(e instanceof Error);
});

test('alreadyExists and conflict', () => {
  const a = alreadyExists(pods, 'x');
  assert.equal(a.code, 409);
  assert.equal(a.reason, 'AlreadyExists');
  assert.equal(a.message, 'pods "x" already exists');
  const c = conflict(pods, 'x', OBJECT_MODIFIED_ERROR);
  assert.equal(c.reason, 'Conflict');
  assert.equal(c.message,
    'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again');
  const g = generateNameConflict(pods, 'web-abcde', 1);
  assert.equal(g.message, 'pods "web-abcde" already exists, the server was not able to generate a unique name for the object');
  assert.deepEqual(g.toStatus().details, { name: 'web-abcde', kind: 'pods', retryAfterSeconds: 1 });
});

test('invalid: message as upstream (bare for one, bracketed for many) and one cause per error', () => {
  const kind = { group: '', kind: 'Kind' };
  assert.equal(invalid(kind, 'name', [duplicate(root('field[0].name'), 'bar')]).message,
    'Kind "name" is invalid: field[0].name: Duplicate value: "bar"');
  assert.equal(invalid(kind, 'name', [required(root('field[0].name'))]).message, 'Kind "name" is invalid: field[0].name: Required value');
  assert.equal(invalid(kind, 'name', []).message, 'Kind "name" is invalid');

  const errs = [
    required(root('spec').child('containers').index(0).child('name')),
    fieldInvalid(root('spec', 'replicas'), -1, 'must be greater than or equal to 0'),
  ];
  const e = invalid({ group: 'apps', kind: 'Deployment' }, 'web', errs);
  assert.equal(e.code, 422);
  assert.equal(e.message,
    'Deployment.apps "web" is invalid: [spec.containers[0].name: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]');
  assert.deepEqual(e.toStatus().details, {
    name: 'web', group: 'apps', kind: 'Deployment',
    causes: [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].name' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
    ],
  });
  // The details object has no "causes" key when there are none (omitempty).
  assert.deepEqual(invalid(kind, 'name', []).toStatus().details, { name: 'name', kind: 'Kind' });
});

test('forbidden words the three cases as upstream', () => {
  assert.equal(forbidden(pods, 'x', 'no').message, 'pods "x" is forbidden: no');
  assert.equal(forbidden(deployments, '', new Error('no')).message, 'deployments.apps is forbidden: no');
  assert.equal(forbidden({ group: '', resource: '' }, '', 'no').message, 'forbidden: no');
  assert.equal(forbidden(pods, 'x', 'no').code, 403);
});

test('errors without details have no details key', () => {
  const s = badRequest('bad').toStatus();
  assert.deepEqual(s, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'bad', reason: 'BadRequest', code: 400 });
  assert.equal('details' in unauthorized().toStatus(), false);
  assert.equal(unauthorized().message, 'not authorized');
  assert.equal(unauthorized('Unauthorized').message, 'Unauthorized');
});

test('the other constructors: codes, reasons, messages', () => {
  const cases: [APIError, number, string, string][] = [
    [methodNotSupported(pods, 'watch'), 405, 'MethodNotAllowed', 'watch is not supported on resources of kind "pods"'],
    [gone('gone'), 410, 'Gone', 'gone'],
    [resourceExpired('old'), 410, 'Expired', 'old'],
    [tooOldResourceVersion(5, 17), 410, 'Expired', 'too old resource version: 5 (17)'],
    [tooOldResourceVersion(5), 410, 'Expired', 'too old resource version: 5'],
    [tooManyRequests('slow down', 3), 429, 'TooManyRequests', 'slow down'],
    [requestEntityTooLarge('limit is 3145728'), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'],
    [unsupportedMediaType(['application/json', 'application/yaml']), 415, 'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'],
    [notAcceptable(['application/json']), 406, 'NotAcceptable', 'only the following media types are accepted: application/json'],
    [internalError(new Error('boom')), 500, 'InternalError', 'Internal error occurred: boom'],
    [serviceUnavailable('later'), 503, 'ServiceUnavailable', 'later'],
    [timeout('slow', 2), 504, 'Timeout', 'Timeout: slow'],
    [tooLargeResourceVersion(10, 7, 1), 504, 'Timeout', 'Timeout: Too large resource version: 10, current: 7'],
  ];
  for (const [e, code, reason, message] of cases) {
    assert.deepEqual([e.code, e.reason, e.message], [code, reason, message]);
  }
  assert.deepEqual(tooManyRequests('x', 3).toStatus().details, { retryAfterSeconds: 3 });
  assert.deepEqual(internalError('boom').toStatus().details, { causes: [{ message: 'boom' }] });
  assert.deepEqual(tooLargeResourceVersion(10, 7, 1).toStatus().details, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1,
  });
});

test('genericServerResponse: router errors with empty details', () => {
  assert.deepEqual(genericServerResponse(405).toStatus(), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405,
  });
  assert.equal(genericServerResponse(404).message, 'the server could not find the requested resource');
  assert.equal(genericServerResponse(409, { verb: 'POST' }).reason, 'AlreadyExists');
  assert.equal(genericServerResponse(409, { verb: 'PUT' }).reason, 'Conflict');
  assert.equal(genericServerResponse(502, { serverMessage: 'bad gateway' }).message,
    'an error on the server ("bad gateway") has prevented the request from succeeding');
  assert.equal(genericServerResponse(418).reason, '');
  assert.equal(genericServerResponse(404, { verb: 'GET', qualifiedResource: pods, name: 'x' }).message,
    'the server could not find the requested resource (get pods x)');
});

test('is* helpers follow the reason, or the code when the reason is unknown, through causes', () => {
  assert.ok(isNotFound(notFound(pods, 'x')));
  assert.ok(isNotFound(new APIError(404, '', 'x')));
  assert.ok(!isNotFound(new APIError(404, 'Gone', 'x')));
  assert.ok(!isNotFound(new Error('pods "x" not found')));
  assert.ok(!isNotFound(undefined));
  assert.ok(isConflict(new Error('wrapped', { cause: conflict(pods, 'x', 'e') })));
  assert.ok(!isConflict(alreadyExists(pods, 'x')));
  assert.ok(isAlreadyExists(alreadyExists(pods, 'x')));
  assert.ok(isInvalid(invalid({ group: '', kind: 'Pod' }, 'x', [])));
  assert.ok(isResourceExpired(tooOldResourceVersion(1)));
  assert.ok(isTooManyRequests(new APIError(429, 'Timeout', 'x')));
  assert.equal(asAPIError(new Error('plain')), undefined);
});

test('fromStatus rebuilds an error a client received', () => {
  const original = notFound(deployments, 'web');
  const copy = APIError.fromStatus(JSON.parse(JSON.stringify(original.toStatus())) as ReturnType<APIError['toStatus']>);
  assert.deepEqual(copy.toStatus(), original.toStatus());
  assert.ok(isNotFound(copy));
});
