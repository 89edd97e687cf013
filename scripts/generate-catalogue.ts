// Generates the API catalogue, src/api/generated/catalogue.ts, from the upstream
// Kubernetes OpenAPI v2 document: the served resources with their verbs and subresources,
// and the compact schema of every type they use.
//
// Usage: node --import tsx scripts/generate-catalogue.ts [--check] [--openapi PATH] [--out PATH]
//   --check    write nothing; exit 1 when the output file differs from a fresh run
//   --openapi  the input document (default: $KUBETS_OPENAPI, else
//              ../shared/k8s/openapi-v2.json relative to the repository root)
//   --out      the module to write or check (default: src/api/generated/catalogue.ts)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OpenAPIInputError, asOpenAPIDocument } from './catalogue/openapi.js';
import { REGENERATE_COMMAND, renderModule } from './catalogue/render.js';
import { extractResources } from './catalogue/resources.js';
import { extractTypes } from './catalogue/schemas.js';
import { servedGroups } from './catalogue/served.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The module text generated from the raw bytes of an OpenAPI v2 document. */
function generate(input: Buffer): string {
  const doc = asOpenAPIDocument(parseJSON(input));
  const groups = servedGroups();
  const resources = extractResources(doc);
  for (const group of groups) {
    for (const version of group.versions) {
      if (!resources.some((r) => r.group === group.name && r.version === version)) {
        throw new OpenAPIInputError(`the document has no resources of served group/version ${group.name || 'core'}/${version}`);
      }
    }
  }
  const types = extractTypes(doc, resources);
  const digest = createHash('sha256').update(input).digest('hex');
  return renderModule({ groups, resources, types }, digest);
}

function parseJSON(input: Buffer): unknown {
  try {
    return JSON.parse(input.toString('utf8'));
  } catch (error) {
    throw new OpenAPIInputError(`the OpenAPI document is not JSON: ${(error as Error).message}`);
  }
}

function readInput(file: string): Buffer {
  if (!existsSync(file)) {
    throw new OpenAPIInputError(`no OpenAPI document at ${file} (pass --openapi PATH or set KUBETS_OPENAPI)`);
  }
  return readFileSync(file);
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean', default: false }, openapi: { type: 'string' }, out: { type: 'string' } },
  });
  const input = path.resolve(values.openapi ?? process.env.KUBETS_OPENAPI ?? path.join(repoRoot, '..', 'shared', 'k8s', 'openapi-v2.json'));
  const out = path.resolve(values.out ?? path.join(repoRoot, 'src', 'api', 'generated', 'catalogue.ts'));
  const shown = path.relative(process.cwd(), out);
  const fresh = generate(readInput(input));
  if (values.check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
    if (current === fresh) {
      console.log(`${shown} is up to date`);
      return 0;
    }
    const state = current === undefined ? 'is missing' : `differs from a fresh run on ${input}`;
    console.error(`${shown} ${state}; regenerate it with:\n  ${REGENERATE_COMMAND}`);
    return 1;
  }
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, fresh);
  console.log(`wrote ${shown} (${Buffer.byteLength(fresh)} bytes)`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof OpenAPIInputError)) throw error;
  console.error(`generate-catalogue: ${error.message}`);
  process.exitCode = 2;
}
