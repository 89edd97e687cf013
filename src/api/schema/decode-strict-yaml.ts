// YAML request bodies read as kube-apiserver reads them. Upstream converts YAML to JSON with
// go-yaml v2 (YAML 1.1: `yes` is true, `0777` is octal, but timestamps and `1:20` stay
// strings) and, for a strict decode, converts it a second time refusing duplicate keys;
// that second pass reports every duplicate as `line N: key "x" already set in map`,
// wherever it is in the document, before any unknown field. decodeYAMLStrict returns those
// lines with the value (the last of duplicated keys wins, as in the lenient conversion).

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Pair } from 'yaml';
import { goFormatFloat, goQuote } from '../../machinery/go-format.js';

/** What decodeYAMLStrict returns. */
export interface StrictYAML {
  readonly value: unknown;
  /** go-yaml's lines for duplicate keys (`line 7: key "name" already set in map`), in its order. */
  readonly yamlDuplicates: string[];
}

/** Thrown when the text is not YAML; the message is the yaml package's. */
export class YAMLSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YAMLSyntaxError';
  }
}

/** YAML 1.1 tags go-yaml v2 does not resolve when it decodes into untyped values. */
const UNRESOLVED_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:timestamp']);

/** The first YAML document of `text`, as a JSON-compatible value, with its duplicate keys. */
export function decodeYAMLStrict(text: string): StrictYAML {
  const lineCounter = new LineCounter();
  const [doc] = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    lineCounter,
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || (!UNRESOLVED_TAGS.has(t.tag) && (t as { format?: string }).format !== 'TIME')),
  });
  if (doc === undefined) return { value: null, yamlDuplicates: [] };
  const [error] = doc.errors;
  if (error !== undefined) throw new YAMLSyntaxError(error.message);
  const yamlDuplicates: string[] = [];
  collectDuplicates(doc.contents, lineCounter, yamlDuplicates);
  return { value: doc.toJS({ maxAliasCount: 100 }), yamlDuplicates };
}

/**
 * go-yaml's walk: for each pair, the value first (its own duplicates come first), then the
 * key against the keys before it. Aliases and merge keys are not followed.
 */
function collectDuplicates(node: Node | null, lines: LineCounter, out: string[]): void {
  if (isSeq(node)) {
    for (const item of node.items) collectDuplicates(item as Node | null, lines, out);
    return;
  }
  if (!isMap(node)) return;
  const seen = new Set<string>();
  for (const pair of node.items as Pair<Node | null, Node | null>[]) {
    collectDuplicates(pair.value, lines, out);
    const identity = keyIdentity(pair.key);
    if (identity === undefined) continue;
    if (seen.has(identity)) out.push(`line ${lineOf(pair, lines)}: key ${goSyntax(pair.key)} already set in map`);
    else seen.add(identity);
  }
}

/** A key's Go type and value (go-yaml compares keys as Go values); undefined: not compared. */
function keyIdentity(key: Node | null): string | undefined {
  if (key === null) return 'nil';
  if (!isScalar(key) || isAlias(key) || key.source === '<<') return undefined;
  const v = key.value;
  if (v === null) return 'nil';
  if (typeof v === 'number') return `${isFloat(key.source) ? 'float' : 'int'}:${v}`;
  return `${typeof v}:${String(v)}`;
}

function isFloat(source: string | undefined): boolean {
  return source !== undefined && /[.eEnN]/.test(source) && !/^[-+]?0x/.test(source);
}

/** The key as Go's `%#v` prints it. */
function goSyntax(key: Node | null): string {
  if (!isScalar(key)) return '<nil>';
  const v = key.value;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) && !isFloat(key.source) ? String(v) : goFormatFloat(v);
  return String(v);
}

/** go-yaml reports the line of the value node (1-based). */
function lineOf(pair: Pair<Node | null, Node | null>, lines: LineCounter): number {
  const at = pair.value?.range?.[0] ?? pair.key?.range?.[0] ?? 0;
  return lines.linePos(at).line;
}
