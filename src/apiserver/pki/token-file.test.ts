import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenFileError } from './errors.js';
import { temporaryDirectory } from '../../machinery/x509/testing.js';
import { loadTokenFile, parseTokenFile } from './token-file.js';

test('records give user, uid and groups by token, in upstream format', () => {
  const text = [
    'abc123,alice,uid-1,"system:masters,devs"',
    'def456,bob,uid-2',
    '',
    'ghi789,carol,uid-3,ops',
    '"quoted,token",dave,uid-4,"say ""hi"""',
    ' spaced , eve ,uid-5,',
  ].join('\r\n');
  const { users, warnings } = parseTokenFile(text + '\n', 'tokens.csv');
  assert.deepEqual(warnings, []);
  assert.deepEqual(users.get('abc123'), { name: 'alice', uid: 'uid-1', groups: ['system:masters', 'devs'] });
  assert.deepEqual(users.get('def456'), { name: 'bob', uid: 'uid-2', groups: [] });
  assert.deepEqual(users.get('ghi789'), { name: 'carol', uid: 'uid-3', groups: ['ops'] });
  assert.deepEqual(users.get('quoted,token'), { name: 'dave', uid: 'uid-4', groups: ['say "hi"'] });
  // Like Go's encoding/csv, nothing is trimmed, and an empty fourth column is one empty group.
  assert.deepEqual(users.get(' spaced '), { name: ' eve ', uid: 'uid-5', groups: [''] });
  assert.equal(users.size, 5);
});

test('a quoted field may span lines; the line numbers after it stay right', () => {
  const text = 'tok1,"multi\nline",u1\ntok2,u2\n';
  assert.throws(() => parseTokenFile(text, 'f.csv'), /token file f\.csv, line 3: must have at least 3 columns/);
  const { users } = parseTokenFile('tok1,"multi\nline",u1', 'f.csv');
  assert.equal(users.get('tok1')?.name, 'multi\nline');
});

test('empty and duplicate tokens are warnings; the later duplicate wins', () => {
  const { users, warnings } = parseTokenFile(',nobody,0\nt,first,1\nt,second,2\n', 'tokens.csv');
  assert.equal(users.size, 1);
  assert.equal(users.get('t')?.name, 'second');
  assert.deepEqual(warnings, [
    'token file tokens.csv, line 1: empty token, record skipped',
    'token file tokens.csv, line 3: duplicate token, this record replaces the earlier one',
  ]);
});

test('malformed records are errors naming the file and the line', () => {
  const cases: [string, number, RegExp][] = [
    ['good,u,1\n\nbad,only-two\n', 3, /must have at least 3 columns \(token, user name, user uid\), found 2/],
    ['a,b"c,1\n', 1, /bare "/],
    ['ok,u,1\n"a"b,c,1\n', 2, /extraneous "/],
    ['ok,u,1\n"never closed,u,1\n', 2, /never closed/],
  ];
  for (const [text, line, reason] of cases) {
    assert.throws(
      () => parseTokenFile(text, '/etc/kubets/tokens.csv'),
      (error: unknown) => {
        assert.ok(error instanceof TokenFileError);
        assert.equal(error.file, '/etc/kubets/tokens.csv');
        assert.equal(error.line, line, text);
        assert.match(error.message, new RegExp(`^token file /etc/kubets/tokens.csv, line ${line}: `));
        assert.match(error.message, reason);
        return true;
      },
    );
  }
});

test('loading reads the file, and names it when it cannot', (t) => {
  const dir = temporaryDirectory(t);
  const file = join(dir, 'tokens.csv');
  writeFileSync(file, 'secret,admin,admin-uid,system:masters\n');
  assert.deepEqual(loadTokenFile(file).users.get('secret'), { name: 'admin', uid: 'admin-uid', groups: ['system:masters'] });
  const missing = join(dir, 'missing.csv');
  assert.throws(() => loadTokenFile(missing), (error: unknown) => {
    assert.ok(error instanceof TokenFileError);
    assert.equal(error.line, undefined);
    assert.match(error.message, new RegExp(`^token file ${missing}: cannot be read: ENOENT`));
    return true;
  });
});
