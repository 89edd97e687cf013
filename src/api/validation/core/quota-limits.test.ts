import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators } from './index.js';
import { assertExactly, assertValid, defaulted } from './validation.testing.js';

const quota = (spec: Record<string, unknown>): ApiObject =>
  defaulted('resourcequotas', { metadata: { name: 'q', namespace: 'default', resourceVersion: '1' }, spec });
const limits = (items: unknown[]): ApiObject => defaulted('limitranges', { metadata: { name: 'l', namespace: 'default' }, spec: { limits: items } });

describe('ResourceQuota', () => {
  const { validate, validateUpdate } = coreValidators.resourcequotas!;

  test('standard names, whole counts', () => {
    assertValid(validate(quota({ hard: { pods: '10', 'requests.cpu': '4', 'count/deployments.apps': '5' } })));
    assertExactly(validate(quota({ hard: { widgets: '1' } })), [
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
    ]);
    assertExactly(validate(quota({ hard: { pods: '1500m' } })), ['spec.hard[pods]: Invalid value: "1500m": must be an integer']);
  });

  test('scopes fit the resources and do not conflict', () => {
    assertExactly(validate(quota({ hard: { memory: '1Gi' }, scopes: ['BestEffort'] })), [
      'spec.scopes: Invalid value: ["BestEffort"]: unsupported scope applied to resource',
    ]);
    assertExactly(validate(quota({ hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] })), [
      'spec.scopes: Invalid value: ["Terminating","NotTerminating"]: conflicting scopes',
    ]);
  });

  test('scopes are immutable', () => {
    assertExactly(validateUpdate(quota({ hard: { pods: '1' }, scopes: ['Terminating'] }), quota({ hard: { pods: '1' } })), [
      'spec.scopes: Invalid value: ["Terminating"]: field is immutable',
    ]);
  });
});

describe('LimitRange', () => {
  const { validate } = coreValidators.limitranges!;

  test('consistent bounds', () => {
    assertValid(validate(limits([{ type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' }, default: { cpu: '500m' }, defaultRequest: { cpu: '200m' } }])));
    // Defaulting fills default and defaultRequest from max, so those bounds are off too.
    assertExactly(validate(limits([{ type: 'Container', max: { cpu: '1' }, min: { cpu: '2' } }])), [
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
      'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1',
      'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1',
    ]);
    assertExactly(validate(limits([{ type: 'Container', max: { cpu: '1' }, min: { cpu: '100m' }, maxLimitRequestRatio: { cpu: '20' } }])), [
      'spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "20": ratio 20 is greater than max/min = 10.000000',
    ]);
  });

  test('types: standard, unique, no defaults for Pod, storage bounds for claims', () => {
    assertExactly(validate(limits([{ type: 'Node' }])), ['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified']);
    assertExactly(validate(limits([{ type: 'Pod', max: { cpu: '1' } }, { type: 'Pod', max: { cpu: '1' } }])), ['spec.limits[1].type: Duplicate value: "Pod"']);
    assertExactly(validate(limits([{ type: 'Pod', default: { cpu: '1' } }])), ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"]);
    assertExactly(validate(limits([{ type: 'PersistentVolumeClaim' }])), [
      'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
    ]);
  });
});
