// Defaults of CustomResourceDefinition (apiextensions.k8s.io/v1).

import { child, defaultUnset, defaultZero, ensureChild, isEmpty, items, stringField, withChild, type JsonObject } from './json.js';

export function defaultCustomResourceDefinition(crd: JsonObject): void {
  const spec = ensureChild(crd, 'spec');
  const names = ensureChild(spec, 'names');
  const kind = stringField(names, 'kind');
  if (kind !== '') {
    defaultZero(names, 'singular', kind.toLowerCase());
    defaultZero(names, 'listKind', `${kind}List`);
  }
  defaultUnset(spec, 'conversion', () => ({ strategy: 'None' }));
  withChild(child(child(spec, 'conversion') ?? {}, 'webhook'), 'clientConfig', (clientConfig) =>
    withChild(clientConfig, 'service', (service) => defaultUnset(service, 'port', () => 443)),
  );
  // The storage version is the first version objects were stored in.
  const status = ensureChild(crd, 'status');
  if (isEmpty(status.storedVersions)) {
    const storage = items(spec, 'versions').find((v) => v.storage === true);
    if (storage !== undefined) status.storedVersions = [storage.name];
  }
}
