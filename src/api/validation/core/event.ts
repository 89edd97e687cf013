// Event of core/v1 (upstream's legacyValidateEvent, which is all that v1 requests get):
// the event's namespace matches its involved object's; new-style events (with
// eventTime) name their reporter, action and reason within length limits.
// `validateEventStrict` adds the checks events.k8s.io/v1 requests get.

import { invalid, required, root, type FieldErrorList } from '../../../machinery/field-errors.js';
import { goLen } from '../../../machinery/go-format.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { validateImmutableField } from '../../../machinery/object-meta-validation.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import type { ApiObject } from '../../strategy.js';
import { has, num, obj, objOrEmpty, str } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';

const LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

function lengthAndPresence(ev: ApiObject): FieldErrorList {
  const errs: FieldErrorList = [];
  const controller = str(ev, 'reportingComponent');
  if (controller === '') errs.push(required(root('reportingController')));
  errs.push(...isQualifiedName(controller).map((m) => invalid(root('reportingController'), controller, m)));
  for (const [key, jsonKey] of [['reportingInstance', 'reportingInstance'], ['action', 'action'], ['reason', 'reason']] as const) {
    const value = str(ev, jsonKey);
    if (value === '') errs.push(required(root(key)));
    if (goLen(value) > LIMITS[key]) errs.push(invalid(root(key), '', `can have at most ${LIMITS[key]} characters`));
  }
  if (goLen(str(ev, 'message')) > LIMITS.message) errs.push(invalid(root('message'), '', `can have at most ${LIMITS.message} characters`));
  return errs;
}

/** The checks every Event gets, whatever API version it came through. */
export function validateEvent(ev: ApiObject): FieldErrorList {
  const errs: FieldErrorList = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = str(obj(ev, 'involvedObject'), 'namespace');
  const mismatch = invalid(root('involvedObject', 'namespace'), involvedNs, 'does not match event.namespace');
  if (!has(ev, 'eventTime')) {
    // Old clients leave the event namespace empty or "default" for cluster-scoped objects.
    if (involvedNs === '' ? ns !== '' && ns !== 'default' : ns !== involvedNs) errs.push(mismatch);
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch);
    errs.push(...lengthAndPresence(ev));
  }
  return [...errs, ...isDNS1123Subdomain(ns).map((m) => invalid(root('namespace'), ns, m))];
}

/** The update rules for core/v1: the same checks on the new event. */
export function validateEventUpdate(ev: ApiObject): FieldErrorList {
  return validateEvent(ev);
}

function seriesErrors(ev: ApiObject): FieldErrorList {
  const series = obj(ev, 'series');
  if (series === undefined) return [];
  const errs: FieldErrorList = [];
  if (num(series, 'count') < 2) errs.push(invalid(root('series.count'), '', 'should be at least 2'));
  if (!has(series, 'lastObservedTime')) errs.push(required(root('series.lastObservedTime')));
  return errs;
}

/** What events.k8s.io/v1 creates get on top of validateEvent (for the events.k8s.io strategy). */
export function validateEventStrict(ev: ApiObject): FieldErrorList {
  const errs = [...validateEvent(ev), ...validateObjectMetaOf(ev, true, nameIsDNSSubdomain), ...seriesErrors(ev)];
  if (!has(ev, 'eventTime')) errs.push(required(root('eventTime')));
  const type = str(ev, 'type');
  if (type !== 'Normal' && type !== 'Warning') errs.push(invalid(root('type'), '', `has invalid value: ${type}`));
  if (has(ev, 'firstTimestamp')) errs.push(invalid(root('firstTimestamp'), '', 'needs to be unset'));
  if (has(ev, 'lastTimestamp')) errs.push(invalid(root('lastTimestamp'), '', 'needs to be unset'));
  if (num(ev, 'count') !== 0) errs.push(invalid(root('count'), '', 'needs to be unset'));
  const source = objOrEmpty(ev, 'source');
  if (str(source, 'component') !== '' || str(source, 'host') !== '') errs.push(invalid(root('source'), '', 'needs to be unset'));
  return errs;
}

/** What events.k8s.io/v1 updates get on top of validateEvent: most fields immutable. */
export function validateEventUpdateStrict(ev: ApiObject, old: ApiObject): FieldErrorList {
  const errs = [...validateEvent(ev), ...validateObjectMetaUpdateOf(ev, old)];
  if (!semanticDeepEqual(ev.series, old.series)) errs.push(...seriesErrors(ev));
  const fields = ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'reason', 'type', 'eventTime', 'action', 'related', 'reportingComponent', 'reportingInstance'];
  for (const f of fields) {
    const path = root(f === 'reportingComponent' ? 'reportingController' : f);
    errs.push(...validateImmutableField(ev[f] ?? null, old[f] ?? null, path));
  }
  return errs;
}
