import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isCIdentifier, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isInRange, isQualifiedName,
  isValidLabelValue, isValidPathSegmentName, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain,
  nameIsDNSLabel, nameIsDNSSubdomain, regexError,
} from './name-validation.js';

function expectValid(check: (v: string) => string[], values: string[]): void {
  for (const v of values) assert.deepEqual(check(v), [], `expected ${JSON.stringify(v)} to be valid`);
}
function expectInvalid(check: (v: string) => string[], values: string[]): void {
  for (const v of values) assert.notDeepEqual(check(v), [], `expected ${JSON.stringify(v)} to be invalid`);
}

test('DNS-1123 labels (upstream test table)', () => {
  expectValid(isDNS1123Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)]);
  expectInvalid(isDNS1123Label, ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b',
    '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)]);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('My_Name'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character " +
    "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('DNS-1123 subdomains (upstream test table) and the exact message', () => {
  expectValid(isDNS1123Subdomain, ['a', 'a--1--2--b', '0.a', '01.1', 'a.b.c.d.e', '11.22.33.44.55', 'a'.repeat(253)]);
  expectInvalid(isDNS1123Subdomain, ['', 'A', 'a-', '-a', 'a_b', '.', 'a.', '.a', 'a..b', '1..2', 'a b', 'A.a', 'ab.A', 'a.B.c.d.e',
    'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254)]);
  assert.deepEqual(isDNS1123Subdomain('Foo'), [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
    "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
  assert.equal(isDNS1123Subdomain('a'.repeat(254))[0], 'must be no more than 253 characters');
});

test('DNS-1035 labels (upstream test table)', () => {
  expectValid(isDNS1035Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)]);
  expectInvalid(isDNS1035Label, ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'a-', '-a', 'a.b', 'a b', 'a'.repeat(64)]);
  assert.deepEqual(isDNS1035Label('1a'), [
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character " +
    "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ]);
});

test('qualified names (label keys) (upstream test table)', () => {
  expectValid(isQualifiedName, ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
    'now.with.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo', 'a'.repeat(63), 'a'.repeat(253) + '/' + 'b'.repeat(63)]);
  expectInvalid(isQualifiedName, ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc',
    'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), 'a'.repeat(254) + '/abc']);
  assert.deepEqual(isQualifiedName('a b'), [
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
    "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.equal(isQualifiedName('a'.repeat(64))[0], 'name part must be no more than 63 bytes');
  assert.equal(isQualifiedName('a'.repeat(254) + '/abc')[0], 'prefix part must be no more than 253 bytes');
  assert.match(isQualifiedName('a/b/c')[0]!, /^a valid label key .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  assert.equal(isQualifiedName('example.com/')[0], 'name part must be non-empty');
});

test('label values (upstream test table)', () => {
  expectValid(isValidLabelValue, ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), '']);
  expectInvalid(isValidLabelValue, ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash',
    'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)]);
  assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 bytes']);
  assert.deepEqual(isValidLabelValue('-x'), [
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
    "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

test('regexError without examples', () => {
  assert.equal(regexError('bad', 'x+'), "bad (regex used for validation is 'x+')");
});

test('ports, ranges, identifiers, config keys, wildcards, path segments', () => {
  expectValid(isValidPortName, ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3']);
  expectInvalid(isValidPortName, ['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++']);
  assert.deepEqual(isValidPortName('-begin'), ['must not begin or end with a hyphen']);
  assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  assert.deepEqual(isValidPortNum(65535), []);
  assert.deepEqual(isInRange(5, -4, 2), ['must be between -4 and 2, inclusive']);
  assert.deepEqual(isCIdentifier('_ok1'), []);
  assert.equal(isCIdentifier('1x').length, 1);
  assert.deepEqual(isConfigMapKey('key.name'), []);
  assert.deepEqual(isConfigMapKey('..'), ["must not be '..'"]);
  assert.deepEqual(isConfigMapKey('..a'), ["must not start with '..'"]);
  assert.equal(isConfigMapKey('a b').length, 1);
  assert.deepEqual(isWildcardDNS1123Subdomain('*.example.com'), []);
  expectInvalid(isWildcardDNS1123Subdomain, ['*.*.bar.com', '*bar.com', 'f*.bar.com', '*']);
  assert.deepEqual(isValidPathSegmentName('..'), ["may not be '..'"]);
  assert.deepEqual(isValidPathSegmentName('a/b%c'), ["may not contain '/'", "may not contain '%'"]);
  assert.deepEqual(isValidPathSegmentName('..', true), []);
});

test('generateName prefixes may end with a dash', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.notDeepEqual(nameIsDNSSubdomain('web-', false), []);
  assert.deepEqual(nameIsDNSLabel('x-', true), []);
  assert.notDeepEqual(nameIsDNSLabel('Web-', true), []);
});
