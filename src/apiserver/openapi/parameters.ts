// The parameters of the operations the OpenAPI documents describe: which query and path
// parameters each kind of operation takes, named and typed as in upstream's document.
// `fieldValidation` on create, update and patch matters to clients: kubectl looks for it
// on the PATCH operation of a kind before it asks the server to validate fields.

/** A non-body parameter. */
export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly type: 'string' | 'boolean' | 'integer';
  /** Path parameters are required. */
  readonly required?: true;
}

function query(name: string, type: Parameter['type'] = 'string'): Parameter {
  return { name, in: 'query', type };
}

function pathParam(name: string): Parameter {
  return { name, in: 'path', type: 'string', required: true };
}

export const NAME = pathParam('name');
export const NAMESPACE = pathParam('namespace');
/** The rest of the path after `…/proxy/`. */
export const PROXY_PATH = pathParam('path');
export const PRETTY = query('pretty');

/** Parameters of list, watch and watchlist operations. */
export const LIST: readonly Parameter[] = [
  query('allowWatchBookmarks', 'boolean'),
  query('continue'),
  query('fieldSelector'),
  query('labelSelector'),
  query('limit', 'integer'),
  query('resourceVersion'),
  query('resourceVersionMatch'),
  query('sendInitialEvents', 'boolean'),
  query('shardSelector'),
  query('timeoutSeconds', 'integer'),
  query('watch', 'boolean'),
];

const DRY_RUN = query('dryRun');
const FIELD_MANAGER = query('fieldManager');
const FIELD_VALIDATION = query('fieldValidation');

/** Parameters of create (POST) and update (PUT). */
export const WRITE: readonly Parameter[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];

/** Parameters of patch. */
export const PATCH: readonly Parameter[] = [...WRITE, query('force', 'boolean')];

/** Parameters of delete. */
export const DELETE: readonly Parameter[] = [
  DRY_RUN,
  query('gracePeriodSeconds', 'integer'),
  query('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'),
  query('orphanDependents', 'boolean'),
  query('propagationPolicy'),
];

/** Parameters of deletecollection: those of delete and those that select what to delete. */
export const DELETE_COLLECTION: readonly Parameter[] = [
  ...DELETE,
  ...LIST.filter((p) => p.name !== 'allowWatchBookmarks' && p.name !== 'watch'),
];

const STREAMS = [query('stderr', 'boolean'), query('stdin', 'boolean'), query('stdout', 'boolean'), query('tty', 'boolean')];

/**
 * The options of reading a log and of the connect subresources, which travel as query
 * parameters (their *Options kinds have no schema of their own), by `resource/subresource`.
 */
export const SUBRESOURCE_OPTIONS: Readonly<Record<string, readonly Parameter[]>> = {
  'pods/log': [
    query('container'),
    query('follow', 'boolean'),
    query('insecureSkipTLSVerifyBackend', 'boolean'),
    query('limitBytes', 'integer'),
    query('previous', 'boolean'),
    query('sinceSeconds', 'integer'),
    query('stream'),
    query('tailLines', 'integer'),
    query('timestamps', 'boolean'),
  ],
  'pods/attach': [query('container'), ...STREAMS],
  'pods/exec': [query('command'), query('container'), ...STREAMS],
  'pods/portforward': [query('ports', 'integer')],
  'pods/proxy': [query('path')],
  'nodes/proxy': [query('path')],
  'services/proxy': [query('path')],
};
