import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { root } from '../../../machinery/field-errors.js';
import { formatIP, isDualStack, isIPv6String, parseIP, validateCIDR, validateIP, validateIPForLegacyField, validateNonSpecialIP } from './ip.js';

const p = root('ip');
const msgs = (errs: ReadonlyArray<{ message: string }>): string[] => errs.map((e) => e.message);

describe('IP addresses', () => {
  test("canonical forms are Go's net.IP.String()", () => {
    const canon = (s: string): string => formatIP(parseIP(s)!);
    assert.equal(canon('10.0.0.1'), '10.0.0.1');
    assert.equal(canon('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canon('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
    assert.equal(canon('::ffff:1.2.3.4'), '1.2.3.4');
    assert.equal(canon('::'), '::');
    assert.equal(canon('fe80::1:2'), 'fe80::1:2');
    assert.equal(parseIP('1.2.3'), undefined);
    assert.equal(parseIP('1.2.3.256'), undefined);
    assert.equal(parseIP('1::2::3'), undefined);
    assert.equal(parseIP(':1'), undefined);
  });

  test('validateIP: valid, strict, canonical', () => {
    assert.deepEqual(msgs(validateIP(p, '10.1.2.3')), []);
    assert.deepEqual(msgs(validateIP(p, 'x')), ['ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    assert.deepEqual(msgs(validateIP(p, '010.1.2.3')), ['ip: Invalid value: "010.1.2.3": must not have leading 0s']);
    assert.deepEqual(msgs(validateIP(p, '::ffff:1.2.3.4')), ['ip: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address']);
    assert.deepEqual(msgs(validateIP(p, '2001:DB8::1')), ['ip: Invalid value: "2001:DB8::1": must be in canonical form ("2001:db8::1")']);
    assert.deepEqual(msgs(validateIPForLegacyField(p, '2001:DB8::1')), []);
  });

  test('validateCIDR', () => {
    assert.deepEqual(msgs(validateCIDR(p, '10.0.0.0/8')), []);
    assert.deepEqual(msgs(validateCIDR(p, '10.0.0.1/8')), ['ip: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length']);
    assert.deepEqual(msgs(validateCIDR(p, '10.0.0.0/33')), ['ip: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
    assert.deepEqual(msgs(validateCIDR(p, '10.0.0.0/08')), ['ip: Invalid value: "10.0.0.0/08": must not have leading 0s in IP or prefix length']);
    assert.deepEqual(msgs(validateCIDR(p, 'FD00::/8')), ['ip: Invalid value: "FD00::/8": must be in canonical form ("fd00::/8")']);
  });

  test('families and special addresses', () => {
    assert.equal(isIPv6String('::1'), true);
    assert.equal(isIPv6String('::ffff:1.2.3.4'), false);
    assert.equal(isDualStack(['10.0.0.1', 'fd00::1']), true);
    assert.equal(isDualStack(['10.0.0.1', '10.0.0.2']), false);
    assert.deepEqual(msgs(validateNonSpecialIP('0.0.0.0', p)), ['ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']);
    assert.deepEqual(msgs(validateNonSpecialIP('ff02::1', p)), ['ip: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
    assert.deepEqual(msgs(validateNonSpecialIP('8.8.8.8', p)), []);
  });
});
