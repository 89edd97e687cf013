// Enforces the import layers of STYLE.md ("Layers in kubets"): which folder under src/
// may import which. A source file in a folder the table does not name is itself an error,
// so a new top-level folder has to be placed in the table before it can be used.
import path from 'node:path';

const LAYERS = {
  machinery: [],
  api: ['machinery'],
  storage: ['machinery'],
  client: ['machinery', 'api'],
  apiserver: ['machinery', 'api', 'storage'],
  scheduler: ['machinery', 'api', 'client'],
  controllers: ['machinery', 'api', 'client'],
  nodes: ['machinery', 'api', 'client'],
  cli: '*',
};

const root = path.resolve(import.meta.dirname, '..');

function layerOf(file) {
  const rel = path.relative(path.join(root, 'src'), file);
  if (rel.startsWith('..')) return undefined;
  return rel.split(path.sep)[0];
}

export default {
  rules: {
    layering: {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          unknownLayer: 'src/{{layer}} is not in the layer table (eslint-local/layering.js); add it there first',
          forbidden: 'src/{{from}} may not import src/{{to}} (allowed: {{allowed}})',
        },
      },
      create(context) {
        const file = context.filename;
        const from = layerOf(file);
        if (from === undefined) return {};
        const allowed = LAYERS[from];
        if (allowed === undefined) {
          return {
            Program(node) {
              context.report({ node, messageId: 'unknownLayer', data: { layer: from } });
            },
          };
        }
        function check(node, source) {
          if (allowed === '*' || typeof source !== 'string' || !source.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(file), source));
          if (to === undefined || to === from || allowed.includes(to)) return;
          context.report({
            node,
            messageId: 'forbidden',
            data: { from, to, allowed: allowed.length ? allowed.join(', ') : 'nothing else in src' },
          });
        }
        return {
          ImportDeclaration(node) { check(node, node.source.value); },
          ExportNamedDeclaration(node) { if (node.source) check(node, node.source.value); },
          ExportAllDeclaration(node) { check(node, node.source.value); },
          ImportExpression(node) { if (node.source.type === 'Literal') check(node, node.source.value); },
        };
      },
    },
  },
};
