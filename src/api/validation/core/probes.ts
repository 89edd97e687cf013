// Probes and lifecycle hooks: exactly one handler each, valid ports and paths, and the
// probe timings (upstream's validateProbe, validateHandler and validateLifecycle).

import { forbidden, invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { regexError } from '../../../machinery/name-validation.js';
import { validateNonnegativeField } from '../../../machinery/object-meta-validation.js';
import { list, num, obj, objects, optNum, str, type Json } from '../common/json.js';
import { validatePortNumOrName } from '../common/ports.js';

const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;
const HTTP_HEADER_MSG = regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name');

type HandlerCheck = (h: Json, path: FieldPath, gracePeriod: number | undefined) => FieldErrorList;

function validateExec(h: Json, path: FieldPath): FieldErrorList {
  return list(h, 'command').length === 0 ? [required(path.child('command'))] : [];
}

function validateHTTPGet(h: Json, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = str(h, 'path') === '' ? [required(path.child('path'))] : [];
  errs.push(...validatePortNumOrName(h.port, path.child('port')));
  const scheme = str(h, 'scheme');
  if (!HTTP_SCHEMES.includes(scheme)) errs.push(notSupported(path.child('scheme'), scheme, HTTP_SCHEMES));
  for (const header of objects(h, 'httpHeaders')) {
    const name = str(header, 'name');
    if (!HTTP_HEADER_NAME.test(name)) errs.push(invalid(path.child('httpHeaders'), name, HTTP_HEADER_MSG));
  }
  return errs;
}

function validateSleep(h: Json, path: FieldPath, gracePeriod: number | undefined): FieldErrorList {
  // 1.36 allows a zero-second sleep (the PodLifecycleSleepActionAllowZero gate is on).
  const seconds = num(h, 'seconds');
  if (gracePeriod === undefined || (seconds >= 0 && seconds <= gracePeriod)) return [];
  return [invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
}

const PROBE_HANDLERS: ReadonlyArray<readonly [string, HandlerCheck]> = [
  ['exec', validateExec],
  ['httpGet', validateHTTPGet],
  ['tcpSocket', (h, p) => validatePortNumOrName(h.port, p.child('port'))],
  ['grpc', (h, p) => validatePortNumOrName(num(h, 'port'), p.child('port'))],
];

const LIFECYCLE_HANDLERS: ReadonlyArray<readonly [string, HandlerCheck]> = [
  ['exec', validateExec],
  ['httpGet', validateHTTPGet],
  ['tcpSocket', (h, p) => validatePortNumOrName(h.port, p.child('port'))],
  ['sleep', validateSleep],
];

function validateHandler(
  handler: Json,
  kinds: ReadonlyArray<readonly [string, HandlerCheck]>,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldErrorList {
  const errs: FieldErrorList = [];
  let count = 0;
  for (const [key, check] of kinds) {
    const h = obj(handler, key);
    if (h === undefined) continue;
    if (count > 0) errs.push(forbidden(path.child(key), 'may not specify more than 1 handler type'));
    else {
      count++;
      errs.push(...check(h, path.child(key), gracePeriod));
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Json, gracePeriod: number | undefined, path: FieldPath): FieldErrorList {
  const errs = validateHandler(probe, PROBE_HANDLERS, gracePeriod, path);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegativeField(num(probe, key), path.child(key)));
  }
  const grace = optNum(probe, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace <= 0) errs.push(invalid(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  return errs;
}

/** A liveness or startup probe: a valid probe whose successThreshold is 1. */
export function validateLivenessOrStartupProbe(probe: Json | undefined, gracePeriod: number | undefined, path: FieldPath): FieldErrorList {
  if (probe === undefined) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  const success = num(probe, 'successThreshold');
  if (success !== 1) errs.push(invalid(path.child('successThreshold'), success, 'must be 1'));
  return errs;
}

/** A readiness probe: a valid probe without its own termination grace period. */
export function validateReadinessProbe(probe: Json | undefined, gracePeriod: number | undefined, path: FieldPath): FieldErrorList {
  if (probe === undefined) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  const grace = optNum(probe, 'terminationGracePeriodSeconds');
  if (grace !== undefined) errs.push(invalid(path.child('terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'));
  return errs;
}

/** postStart and preStop hooks. */
export function validateLifecycle(lifecycle: Json, gracePeriod: number | undefined, path: FieldPath): FieldErrorList {
  const errs: FieldErrorList = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(lifecycle, hook);
    if (h !== undefined) errs.push(...validateHandler(h, LIFECYCLE_HANDLERS, gracePeriod, path.child(hook)));
  }
  return errs;
}
