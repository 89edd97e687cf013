import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { root } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/name-validation.js';
import { Quantity } from '../../../machinery/quantity.js';
import type { ApiObject } from '../../strategy.js';
import { validateObjectMetaOf, validateTemplateObjectMeta } from './meta.js';
import { validatePortNumOrName, validateProtocol } from './ports.js';
import { quantityOf, validateNonnegativeQuantity, validateResourceQuantityValue } from './quantity.js';
import {
  isExtendedResourceName, isHugePageValueDivisible, isIntegerResourceName, validateContainerResourceName, validateResourceQuotaResourceName,
} from './resource-names.js';

const msgs = (errs: ReadonlyArray<{ message: string }>): string[] => errs.map((e) => e.message);

describe('object metadata', () => {
  test('finalizers without a domain must be standard', () => {
    const obj: ApiObject = { metadata: { name: 'x', namespace: 'default', finalizers: ['kubernetes', 'example.com/cleanup', 'cleanup'] } };
    assert.deepEqual(msgs(validateObjectMetaOf(obj, true, nameIsDNSSubdomain)), [
      'metadata.finalizers[2]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  test('template metadata: only labels and annotations', () => {
    assert.deepEqual(msgs(validateTemplateObjectMeta({ labels: { a: 'b' }, name: 'x', uid: 'u' }, root('metadata'))), [
      'metadata.name: Forbidden: cannot be set',
      'metadata.uID: Forbidden: cannot be set',
    ]);
  });
});

describe('ports', () => {
  test('numbers and names', () => {
    const p = root('port');
    assert.deepEqual(msgs(validatePortNumOrName(8080, p)), []);
    assert.deepEqual(msgs(validatePortNumOrName('http', p)), []);
    assert.deepEqual(msgs(validatePortNumOrName(undefined, p)), ['port: Invalid value: 0: must be between 1 and 65535, inclusive']);
    assert.deepEqual(msgs(validatePortNumOrName('a--b', p)), ['port: Invalid value: "a--b": must not contain consecutive hyphens']);
    assert.deepEqual(msgs(validateProtocol('', p)), ['port: Required value']);
  });
});

describe('resource names and quantities', () => {
  test('classes of names', () => {
    assert.equal(isExtendedResourceName('example.com/gpu'), true);
    assert.equal(isExtendedResourceName('kubernetes.io/gpu'), false);
    assert.equal(isIntegerResourceName('pods'), true);
    assert.equal(isIntegerResourceName('cpu'), false);
    assert.equal(isHugePageValueDivisible('hugepages-2Mi', Quantity.parse('4Mi')), true);
    assert.equal(isHugePageValueDivisible('hugepages-2Mi', Quantity.parse('3Mi')), false);
  });

  test('container and quota names', () => {
    const p = root('r');
    assert.deepEqual(msgs(validateContainerResourceName('example.com/gpu', p)), []);
    assert.deepEqual(msgs(validateContainerResourceName('pods', p)), ['r: Invalid value: "pods": must be a standard resource for containers']);
    assert.deepEqual(msgs(validateResourceQuotaResourceName('storage', p)), ['r: Invalid value: "storage": must be a standard resource for quota']);
  });

  test('quantities', () => {
    const p = root('q');
    assert.deepEqual(msgs(validateNonnegativeQuantity(quantityOf('-1Gi')!, p)), ['q: Invalid value: "-1Gi": must be greater than or equal to 0']);
    assert.deepEqual(msgs(validateResourceQuantityValue('services', quantityOf('1.5')!, p)), ['q: Invalid value: "1500m": must be an integer']);
    assert.equal(quantityOf('lots'), undefined);
  });
});
