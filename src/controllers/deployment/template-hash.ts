// The `pod-template-hash` of a pod template: a 32-bit FNV-1a hash of the template (and the
// collision count, when set), encoded with upstream's SafeEncodeString alphabet (no vowels,
// no confusable characters), so names look like upstream's `web-7d9c5b8f4`.
// Upstream hashes Go's printed struct, which TypeScript cannot reproduce: the values
// differ from a real cluster's, but are stable for a template, as there.

import { canonicalJson as canonical } from '../base/canonical-json.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Maps each decimal digit of the hash onto the safe alphabet, as rand.SafeEncodeString. */
function safeEncode(n: number): string {
  return [...String(n)].map((digit) => SAFE_ALPHABET[Number(digit)]!).join('');
}

/**
 * The template without null, `{}` and `[]` members: Go decodes those to the same zero
 * value as an absent field, and upstream compares templates as Go values
 * (`kubectl rollout undo` writes `resources: {}` where the original had nothing).
 */
function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneEmpty);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const pruned = pruneEmpty(v);
    if (pruned === null || pruned === undefined) continue;
    if (Array.isArray(pruned) && pruned.length === 0) continue;
    if (typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
    out[k] = pruned;
  }
  return out;
}

export function podTemplateHash(template: unknown, collisionCount?: number): string {
  const text = canonical(pruneEmpty(template)) + (collisionCount === undefined ? '' : `#${collisionCount}`);
  return safeEncode(fnv1a32(text));
}

/** Whether two templates are equal once the pod-template-hash label is ignored (upstream's EqualIgnoreHash). */
export function equalIgnoringHash(a: unknown, b: unknown, hashLabel: string): boolean {
  const strip = (t: unknown): unknown => {
    const tpl = (t ?? {}) as { metadata?: { labels?: Record<string, string> } };
    const labels = { ...(tpl.metadata?.labels ?? {}) };
    delete labels[hashLabel];
    return { ...tpl, metadata: { ...tpl.metadata, labels: Object.keys(labels).length === 0 ? undefined : labels } };
  };
  return canonical(pruneEmpty(strip(a))) === canonical(pruneEmpty(strip(b)));
}
