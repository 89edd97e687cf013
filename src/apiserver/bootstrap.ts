// What the server creates for itself at start: the system namespaces.

import { isAlreadyExists } from '../machinery/errors.js';
import type { Registry } from './registry/registry.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export async function bootstrap(registry: Registry): Promise<void> {
  const namespaces = registry.storeOf('', 'namespaces');
  if (namespaces === undefined) return;
  for (const name of SYSTEM_NAMESPACES) {
    if (namespaces.cache.get(namespaces.key('', name)) !== undefined) continue;
    try {
      await namespaces.create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (error) {
      // Another API server on the same store got there first.
      if (!isAlreadyExists(error)) throw error;
    }
  }
}
