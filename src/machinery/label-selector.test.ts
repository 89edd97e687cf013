import { test } from 'node:test';
import assert from 'node:assert/strict';
import { root } from './field-errors.js';
import {
  LabelSelector, LabelSelectorError, labelSelectorFromObject, labelSelectorFromSet, newRequirement, validateLabelSelector,
  type Labels,
} from './label-selector.js';
import { parseLabelSelector } from './label-selector-parser.js';

function parseError(s: string): string {
  try {
    parseLabelSelector(s);
  } catch (e) {
    assert.ok(e instanceof LabelSelectorError);
    return e.message;
  }
  assert.fail(`expected ${JSON.stringify(s)} to be rejected`);
}

test('good strings re-print without spaces, bad ones are rejected (upstream TestSelectorParse)', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.equal(parseLabelSelector(s).toString(), s.replaceAll(' ', ''));
  }
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a']) assert.throws(() => parseLabelSelector(s), LabelSelectorError, s);
  assert.equal(parseLabelSelector('x=a,a=x').toString(), parseLabelSelector('a=x,x=a').toString());
});

test('set-based forms (upstream TestSetSelectorParser)', () => {
  const cases: [string, string][] = [
    ['\rx', 'x'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in (abc,abc)', 'x in (abc)'],
    ['x in ()', 'x in ()'],
    ['x in (a,,a,,a,,a,,)', 'x in (,a)'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x==a', 'x==a'],
    ['z!=a,z', 'z!=a,z'],
  ];
  for (const [input, printed] of cases) assert.equal(parseLabelSelector(input).toString(), printed, input);
  for (const bad of ['x=a||y=b', 'x,,y', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(']) {
    assert.throws(() => parseLabelSelector(bad), LabelSelectorError, bad);
  }
});

test('error messages are upstream\'s', () => {
  assert.equal(parseError('x,,y'), "found ',', expected: identifier after ','");
  assert.equal(parseError('('), "found '(', expected: !, identifier, or 'end of string'");
  assert.equal(parseError('a ('), "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt");
  assert.equal(parseError('a in (xyz abc)'), "unable to parse requirement: found 'abc', expected: ',' or ')'");
  assert.equal(parseError('a in (xyz)b notin ()'), "found 'b', expected: ',' or 'end of string'");
  assert.equal(parseError('a notin'), "unable to parse requirement: found '' expected: '('");
  assert.equal(parseError('x<a'), "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer");
  assert.equal(parseError('a@b=c'),
    'unable to parse requirement: <nil>: Invalid value: "a@b": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', ' +
    "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  assert.match(parseError('x=a||y=b'), /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "a\|\|y": a valid label must be an empty string/);
});

function matches(selector: string, labels: Labels): boolean {
  return parseLabelSelector(selector).matches(labels);
}

test('matching (upstream TestSelectorMatches)', () => {
  assert.ok(matches('', { x: 'y' }));
  assert.ok(matches('x=y', { x: 'y' }));
  assert.ok(matches('x=y,z=w', { x: 'y', z: 'w' }));
  assert.ok(matches('x!=y,z!=w', { x: 'z', z: 'a' }));
  assert.ok(matches('notin=in', { notin: 'in' }));
  assert.ok(matches('x', { x: 'z' }));
  assert.ok(matches('!x', { y: 'z' }));
  assert.ok(matches('x>1', { x: '2' }));
  assert.ok(matches('x<1', { x: '0' }));
  assert.ok(!matches('x=z', {}));
  assert.ok(!matches('x=y', { x: 'z' }));
  assert.ok(!matches('x=y,z=w', { x: 'w', z: 'w' }));
  assert.ok(!matches('x!=y,z!=w', { x: 'z', z: 'w' }));
  assert.ok(!matches('x', { y: 'z' }));
  assert.ok(!matches('!x', { x: 'z' }));
  assert.ok(!matches('x>1', { x: '0' }));
  assert.ok(!matches('x>1', { x: 'v2' }));
  assert.ok(!matches('x<1', { x: '2' }));
  assert.ok(matches('x notin (),y', { y: '' }));
  assert.ok(!matches('x in ()', { y: 'baz' }));
  assert.ok(matches('x in (a,b)', { x: 'b' }));
  assert.ok(matches('x notin (a,b)', { x: 'c' }));
  assert.ok(matches('x notin (a,b)', {}));
  assert.ok(!matches('toString', {}), 'inherited properties are not labels');
  assert.ok(parseLabelSelector('').isEverything());
  assert.ok(parseLabelSelector('x').matches(undefined) === false);
});

test('requirements validate as upstream NewRequirement', () => {
  const msg = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  assert.equal(msg(() => newRequirement('x1', 'in', [])), "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
  assert.equal(msg(() => newRequirement('x5', '=', ['bar', 'foo'])), 'values: Invalid value: ["bar","foo"]: exact-match compatibility requires one single value');
  assert.equal(msg(() => newRequirement('x8', 'exists', ['foo'])), 'values: Invalid value: ["foo"]: values set must be empty for exists and does not exist');
  assert.equal(msg(() => newRequirement('x13', 'gt', [])), "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required");
  assert.equal(msg(() => newRequirement('x18', 'unsupportedOp', [])),
    'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"');
  assert.match(msg(() => newRequirement('x17', '=', ['a b'])), /^values\[0\]\[x17\]: Invalid value: "a b": /);
  assert.equal(msg(() => newRequirement('a'.repeat(254), 'exists', [])), `key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 bytes`);
  assert.match(msg(() => newRequirement('k', 'in', ['-'], root('spec', 'selector'))), /^spec\.selector\.values\[0\]\[k\]: Invalid value/);
});

test('selector helpers: add, requiresExactMatch, nothing, from a set', () => {
  const s = LabelSelector.everything().add(newRequirement('b', 'in', ['v']), newRequirement('a', '=', ['x']));
  assert.equal(s.toString(), 'a=x,b in (v)');
  assert.equal(s.requiresExactMatch('a'), 'x');
  assert.equal(s.requiresExactMatch('b'), 'v');
  assert.equal(parseLabelSelector('a in (x,y)').requiresExactMatch('a'), undefined);
  assert.equal(parseLabelSelector('a!=x').requiresExactMatch('a'), undefined);
  assert.ok(!LabelSelector.nothing().matches({}));
  assert.ok(!LabelSelector.nothing().isEverything());
  assert.equal(LabelSelector.nothing().toString(), '');
  assert.equal(labelSelectorFromSet({ b: '2', a: '1' }).toString(), 'a=1,b=2');
  assert.ok(labelSelectorFromSet({}).isEverything());
  assert.ok(labelSelectorFromSet({ a: '1' }).matches({ a: '1', b: '2' }));
});

test('selector objects convert as LabelSelectorAsSelector', () => {
  assert.ok(labelSelectorFromObject(null).isNothing());
  assert.ok(labelSelectorFromObject(undefined).isNothing());
  assert.ok(labelSelectorFromObject({}).isEverything());
  const s = labelSelectorFromObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['fe', 'be'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
      { key: 'zone', operator: 'Exists' },
    ],
  });
  assert.equal(s.toString(), 'app=web,!canary,env notin (dev),tier in (be,fe),zone');
  assert.ok(s.matches({ app: 'web', tier: 'fe', zone: 'a' }));
  assert.ok(!s.matches({ app: 'web', tier: 'fe', zone: 'a', canary: 'y' }));
  assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }),
    { message: '"Equals" is not a valid label selector operator' });
  assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In' }] }), LabelSelectorError);
});

test('validateLabelSelector reports field errors as metav1 validation', () => {
  const path = root('spec', 'selector');
  assert.deepEqual(validateLabelSelector({ matchLabels: { app: 'web' } }, path), []);
  const errs = validateLabelSelector({
    matchLabels: { 'bad key': 'v' },
    matchExpressions: [
      { key: 'a', operator: 'In' },
      { key: 'b', operator: 'Exists', values: ['x'] },
      { key: 'c', operator: 'Equals', values: ['-'] },
    ],
  }, path);
  assert.deepEqual(errs.map((e) => e.message.replace(/\(e\.g\..*$/, '')), [
    "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ",
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    'spec.selector.matchExpressions[2].operator: Invalid value: "Equals": not a valid selector operator',
    "spec.selector.matchExpressions[2].values[0]: Invalid value: \"-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ",
  ]);
  assert.deepEqual(validateLabelSelector({ matchExpressions: [{ key: 'c', operator: 'In', values: ['-'] }] }, path,
    { allowInvalidLabelValueInSelector: true }), []);
});
