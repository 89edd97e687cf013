// Runs one benchmark: `npm run bench -- <name>` imports bench/<name>.ts and calls its
// `run(args)`. Benchmarks print their figures and end with one JSON line.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What every bench/<name>.ts exports. */
export interface Benchmark {
  run(args: readonly string[]): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !names.includes(name)) {
  console.error(`${name === undefined ? 'which benchmark?' : `no benchmark "${name}"`} usage: npm run bench -- <name>`);
  console.error(`available: ${names.join(', ')}`);
  process.exit(2);
}
const bench = (await import(new URL(`./${name}.ts`, import.meta.url).href)) as Benchmark;
await bench.run(args);
