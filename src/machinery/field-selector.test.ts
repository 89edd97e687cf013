import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeFieldValue, fieldLabelNotSupportedMessage, FieldSelector, FieldSelectorError, onlyMetadataFieldsMessage,
  parseFieldSelector, unescapeFieldValue,
} from './field-selector.js';

test('good strings re-print unchanged; bad ones fail (upstream TestSelectorParse)', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b']) assert.equal(parseFieldSelector(s).toString(), s);
  for (const s of ['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x']) {
    assert.throws(() => parseFieldSelector(s), FieldSelectorError, s);
  }
  assert.equal(parseFieldSelector('x=a,a=x').toString(), parseFieldSelector('a=x,x=a').toString());
  assert.equal(parseFieldSelector('b==x,a!=y').toString(), 'a!=y,b=x');
  assert.equal(parseFieldSelector('a=a,').toString(), 'a=a');
  assert.equal(parseFieldSelector('함=수,목=록').toString(), '목=록,함=수');
});

test('error messages are upstream\'s', () => {
  assert.throws(() => parseFieldSelector('x'), { message: "invalid selector: 'x'; can't understand 'x'" });
  assert.throws(() => parseFieldSelector('a=b,x=y,c'), { message: "invalid selector: 'a=b,x=y,c'; can't understand 'c'" });
  assert.throws(() => parseFieldSelector('x==a==b'), { message: 'invalid field selector: unescaped character in value: 61' });
  assert.throws(() => parseFieldSelector('k=\\a'), { message: 'invalid field selector: invalid escape sequence: \\a' });
  assert.throws(() => parseFieldSelector('k=\\'), { message: 'invalid field selector: invalid escape sequence: \\' });
  assert.equal(fieldLabelNotSupportedMessage('spec.foo'), 'field label not supported: spec.foo');
  assert.equal(onlyMetadataFieldsMessage('spec.x'), '"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
});

test('escaping (upstream TestEscapeValue)', () => {
  const cases: [string, string][] = [['', ''], ['a', 'a'], ['=', '\\='], [',', '\\,'], ['\\', '\\\\'], ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\']];
  for (const [raw, escaped] of cases) {
    assert.equal(escapeFieldValue(raw), escaped);
    assert.equal(unescapeFieldValue(escaped), raw);
  }
  for (const bad of ['\\', '\\\\\\', '\\a']) assert.throws(() => unescapeFieldValue(bad), FieldSelectorError);
});

test('matching (upstream TestSelectorMatches)', () => {
  const m = (s: string, set: Record<string, string>): boolean => parseFieldSelector(s).matches(set);
  assert.ok(m('', { x: 'y' }));
  assert.ok(m('x=y', { x: 'y' }));
  assert.ok(m('x=y,z=w', { x: 'y', z: 'w' }));
  assert.ok(m('x!=y,z!=w', { x: 'z', z: 'a' }));
  assert.ok(m('notin=in', { notin: 'in' }));
  assert.ok(!m('x=y', { x: 'z' }));
  assert.ok(!m('x=y,z=w', { x: 'w', z: 'w' }));
  assert.ok(!m('x!=y,z!=w', { x: 'z', z: 'w' }));
  const set = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  assert.ok(m('foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', set));
  assert.ok(!m('foo=bar,foobar=bar,baz=blah', set));
  // An absent field reads as '' (so `x=` matches it and `x!=` does not).
  assert.ok(m('spec.nodeName=', {}));
  assert.ok(!m('spec.nodeName!=', {}));
});

test('a function can supply field values', () => {
  const pod = { metadata: { name: 'p' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } };
  const read = (f: string): string | undefined =>
    ({ 'metadata.name': pod.metadata.name, 'spec.nodeName': pod.spec.nodeName, 'status.phase': pod.status.phase })[f];
  assert.ok(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed').matches(read));
  assert.ok(!parseFieldSelector('spec.nodeName=n2').matches(read));
});

test('fields, requiresExactMatch, transform, everything and nothing', () => {
  const s = parseFieldSelector('metadata.name=a,spec.nodeName!=x,metadata.name=b');
  assert.deepEqual(s.fields(), ['metadata.name', 'spec.nodeName']);
  assert.equal(s.requiresExactMatch('metadata.name'), 'a');
  assert.equal(s.requiresExactMatch('spec.nodeName'), undefined);
  assert.ok(parseFieldSelector('').isEverything());
  assert.ok(!FieldSelector.nothing().matches({}));
  assert.ok(!FieldSelector.nothing().isEverything());

  // upstream TestTransform
  const t = (sel: string, fn: (f: string, v: string) => readonly [string, string] | undefined): string => parseFieldSelector(sel).transform(fn).toString();
  assert.equal(t('a=b,c=d', (f, v) => (f === 'a' ? ['e', 'f'] : [f, v])), 'e=f,c=d');
  assert.ok(parseFieldSelector('a=b').transform(() => ['', '']).isEverything());
  assert.equal(t('a=b,c=d,e=f', (f, v) => (f === 'c' ? undefined : [f, v])), 'a=b,e=f');
  assert.equal(t('spec.host=n1', (f, v) => (f === 'spec.host' ? ['spec.nodeName', v] : [f, v])), 'spec.nodeName=n1');
  assert.throws(() => parseFieldSelector('spec.foo=x').transform((f) => {
    throw new FieldSelectorError(fieldLabelNotSupportedMessage(f));
  }), { message: 'field label not supported: spec.foo' });
  assert.equal(FieldSelector.fromSet({ 'metadata.name': 'x' }).toString(), 'metadata.name=x');
});
