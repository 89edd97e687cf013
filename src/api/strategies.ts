// The strategy of every served kind: a per-kind strategy where one exists, the generic
// one otherwise. Per-kind strategies register here.

import type { ResourceInfo } from './catalogue.js';
import { GenericStrategy } from './generic-strategy.js';
import type { Strategy } from './strategy.js';
import { NamespaceStrategy } from './core/namespace.js';
import { NodeStrategy } from './core/node.js';
import { PodStrategy } from './core/pod.js';
import { JobStrategy } from './batch/job.js';
import { SecretStrategy } from './core/secret.js';
import { CertificateSigningRequestStrategy } from './certificates/csr.js';

/** Per-kind strategy factories, by `group/resource`. */
const PER_KIND: Readonly<Record<string, (info: ResourceInfo) => Strategy>> = {
  '/namespaces': (info) => new NamespaceStrategy(info),
  '/nodes': (info) => new NodeStrategy(info),
  '/pods': (info) => new PodStrategy(info),
  'batch/jobs': (info) => new JobStrategy(info),
  '/secrets': (info) => new SecretStrategy(info),
  'certificates.k8s.io/certificatesigningrequests': (info) => new CertificateSigningRequestStrategy(info),
};

export function strategyFor(info: ResourceInfo): Strategy {
  const make = PER_KIND[`${info.group}/${info.resource}`];
  return make ? make(info) : new GenericStrategy(info);
}
