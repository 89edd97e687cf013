// Content negotiation: which representation a client asked for in Accept, and how a
// request body is encoded (Content-Type). Kubernetes selects alternative shapes of the
// same resource with media-type parameters: `application/json;as=Table;v=v1;g=meta.k8s.io`.

import * as errors from '../../machinery/errors.js';

export type OutputShape = 'object' | 'table' | 'partial';
export type OutputFormat = 'json' | 'yaml';

export interface OutputChoice {
  readonly format: OutputFormat;
  /** `object`: the resource itself; `table`: meta.k8s.io Table; `partial`: PartialObjectMetadata(List). */
  readonly shape: OutputShape;
  /** The meta.k8s.io version of Table / PartialObjectMetadata (v1 or v1beta1). */
  readonly metaVersion: string;
}

interface MediaRange {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';
const SUPPORTED = [JSON_TYPE, YAML_TYPE];

/** Parses an Accept or Content-Type header into media ranges, in the order given. */
export function parseMediaTypes(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const params = new Map<string, string>();
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
    }
    return { type: type.toLowerCase(), params };
  });
}

/**
 * The representation to send, from the Accept header: the first range this server can
 * produce. `allowAlternatives` is false for endpoints that have only one shape (discovery,
 * Status). Throws 406 when nothing acceptable can be produced.
 */
export function chooseOutput(accept: string | undefined, allowAlternatives = true): OutputChoice {
  const ranges = parseMediaTypes(accept);
  if (ranges.length === 0) return { format: 'json', shape: 'object', metaVersion: 'v1' };
  for (const range of ranges) {
    const format = formatOf(range.type);
    if (format === undefined) continue;
    const as = range.params.get('as');
    if (as === undefined) return { format, shape: 'object', metaVersion: 'v1' };
    if (!allowAlternatives) continue;
    const group = range.params.get('g');
    const version = range.params.get('v') ?? '';
    if (group !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) continue;
    if (as === 'Table') return { format, shape: 'table', metaVersion: version };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return { format, shape: 'partial', metaVersion: version };
    }
  }
  throw errors.notAcceptable(SUPPORTED);
}

function formatOf(type: string): OutputFormat | undefined {
  if (type === JSON_TYPE || type === '*/*' || type === 'application/*') return 'json';
  if (type === YAML_TYPE) return 'yaml';
  return undefined;
}

/** The Content-Type header for a choice. */
export function contentTypeOf(choice: OutputChoice): string {
  const base = choice.format === 'yaml' ? YAML_TYPE : JSON_TYPE;
  if (choice.shape === 'table') return `${base};as=Table;v=${choice.metaVersion};g=meta.k8s.io`;
  return base;
}

/** Media types a PATCH may use, and the patch type each selects. */
export const PATCH_TYPES: Readonly<Record<string, 'json' | 'merge' | 'strategic' | 'apply'>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};
