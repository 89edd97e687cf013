import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import local from './layering.js';

const root = path.resolve(import.meta.dirname, '..');

function lint(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { local }, rules: { 'local/layering': 'error' } }],
    path.join(root, file),
  );
  return messages.map((m) => m.message);
}

test('a layer may import the layers below it', () => {
  assert.deepEqual(lint('src/apiserver/x.ts', "import { a } from '../storage/store.js';"), []);
  assert.deepEqual(lint('src/scheduler/x.ts', "import { a } from '../client/rest.js';"), []);
  assert.deepEqual(lint('src/cli/x.ts', "import { a } from '../storage/store.js';"), []);
});

test('components may not import storage or apiserver', () => {
  assert.match(lint('src/scheduler/x.ts', "import { a } from '../storage/store.js';")[0] ?? '', /may not import src\/storage/);
  assert.match(lint('src/controllers/a/x.ts', "export * from '../../apiserver/x.js';")[0] ?? '', /may not import src\/apiserver/);
  assert.match(lint('src/machinery/x.ts', "const m = import('../api/x.js');")[0] ?? '', /may not import src\/api/);
});

test('a folder missing from the layer table is an error', () => {
  assert.match(lint('src/newthing/x.ts', 'export const a = 1;')[0] ?? '', /not in the layer table/);
});
