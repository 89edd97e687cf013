import { describe, test } from 'node:test';
import type { ApiObject } from '../../strategy.js';
import { coreValidators, validateNamespaceFinalizeUpdate } from './index.js';
import { assertExactly, assertHas, assertValid, defaulted } from './validation.testing.js';

const make = (resource: string, obj: Record<string, unknown>): ApiObject => defaulted(resource, obj);

describe('Namespace', () => {
  const { validate, validateUpdate, validateStatusUpdate } = coreValidators.namespaces!;
  const ns = (name: string, extra: Record<string, unknown> = {}): ApiObject => make('namespaces', { metadata: { name, resourceVersion: '1' }, ...extra });

  test('names are DNS labels; finalizers standard or qualified', () => {
    assertValid(validate(ns('team-a', { spec: { finalizers: ['kubernetes'] } })));
    assertHas(validate(ns('team.a')), 'metadata.name: Invalid value: "team.a": must not contain dots');
    assertExactly(validate(ns('team-a', { spec: { finalizers: ['cleanup'] } })), [
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    assertExactly(validateNamespaceFinalizeUpdate(ns('team-a', { spec: { finalizers: ['cleanup'] } }), ns('team-a')), [
      'spec.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  test('updates check the metadata; status phase follows deletion', () => {
    assertValid(validateUpdate(ns('team-a', { metadata: { name: 'team-a', resourceVersion: '1', labels: { a: 'b' } } }), ns('team-a')));
    assertExactly(validateStatusUpdate!(ns('team-a', { status: { phase: 'Terminating' } }), ns('team-a')), [
      "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
    ]);
  });
});

describe('Node', () => {
  const { validate, validateUpdate } = coreValidators.nodes!;
  const node = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): ApiObject =>
    make('nodes', { metadata: { name: 'node-1', resourceVersion: '1' }, spec, status });

  test('a node with capacity passes; negative and fractional counts do not', () => {
    assertValid(validate(node({}, { capacity: { cpu: '4', memory: '8Gi', pods: '110' } })));
    // Defaulting copies capacity into allocatable, so both report it.
    assertExactly(validate(node({}, { capacity: { pods: '1500m' } })), [
      'status.capacity.pods: Invalid value: "1500m": must be an integer',
      'status.allocatable.pods: Invalid value: "1500m": must be an integer',
    ]);
    assertExactly(validate(node({}, { allocatable: { cpu: '-1' } })), ['status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0']);
  });

  test('taints: valid effect, unique by key and effect (reported under metadata.taints)', () => {
    assertExactly(validate(node({ taints: [{ key: 'k', effect: 'Sometimes' }] })), [
      'metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
    const t = { key: 'k', value: 'v', effect: 'NoSchedule' };
    assertExactly(validate(node({ taints: [t, t] })), [
      'metadata.taints[1]: Duplicate value: {"Key":"k","Value":"v","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
    ]);
  });

  test('pod CIDRs are set once; the provider ID too', () => {
    assertExactly(validate(node({ podCIDRs: ['10.244.1.0/23'] })), ['spec.podCIDRs[0]: Invalid value: "10.244.1.0/23": must not have bits set beyond the prefix length']);
    assertValid(validateUpdate(node({ podCIDRs: ['10.244.1.0/24'] }), node()));
    assertExactly(validateUpdate(node({ podCIDRs: ['10.244.2.0/24'] }), node({ podCIDRs: ['10.244.1.0/24'] })), [
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
    assertExactly(validateUpdate(node({ providerID: 'b' }), node({ providerID: 'a' })), [
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
  });
});

describe('ServiceAccount', () => {
  test('only the metadata is checked', () => {
    const { validate } = coreValidators.serviceaccounts!;
    assertValid(validate(make('serviceaccounts', { metadata: { name: 'builder', namespace: 'ci' }, secrets: [{ name: 'x' }] })));
    assertExactly(validate(make('serviceaccounts', { metadata: { name: 'builder' } })), ['metadata.namespace: Required value']);
  });
});

describe('Endpoints', () => {
  const { validate } = coreValidators.endpoints!;
  const endpoints = (subsets: unknown[]): ApiObject => make('endpoints', { metadata: { name: 'web', namespace: 'default' }, subsets });

  test('addresses and ports', () => {
    assertValid(validate(endpoints([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 8080 }] }])));
    assertExactly(validate(endpoints([{ ports: [{ port: 80 }] }])), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']);
    assertExactly(validate(endpoints([{ addresses: [{ ip: '169.254.1.1' }] }])), [
      'subsets[0].addresses[0].ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ]);
    assertExactly(validate(endpoints([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }, { port: 81, name: 'b' }] }])), [
      'subsets[0].ports[0].name: Required value',
    ]);
  });
});
