// The CSR signing controller (upstream's csrsigning in kube-controller-manager): issues
// the certificate of every approved, not failed, not yet issued CertificateSigningRequest
// whose signer it serves, from the cluster CA it was given (--cluster-signing-cert-file,
// --cluster-signing-key-file), and marks Failed what a signer refuses.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KubeObject } from '../../machinery/meta.js';
import { formatTime } from '../../machinery/time.js';
import { parseCertificateRequest } from '../../machinery/x509/certificate-request.js';
import { CertificateRequestError } from '../../machinery/x509/errors.js';
import { RateLimitingQueue, type SharedInformer } from '../../client/index.js';
import type { Controller, ControllerContext } from '../base/context.js';
import { keyOf } from '../base/keys.js';
import { waitForCaches } from '../base/wait-for-caches.js';
import { runWorkers } from '../base/worker-pool.js';
import { signRequest, type SigningAuthority } from './sign.js';
import { SIGNER_RULES } from './signer-rules.js';

export const CERTIFICATE_SIGNING_REQUESTS = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' } as const;

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
}

interface Csr extends KubeObject {
  spec?: { request?: string; signerName?: string; usages?: string[]; expirationSeconds?: number };
  status?: { conditions?: Condition[]; certificate?: string };
}

const hasTrue = (csr: Csr, type: string): boolean => (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** Thrown when the controller is built without the CA to sign with. */
export class MissingSigningAuthorityError extends Error {
  constructor() {
    super('certificatesigningrequest-signing-controller needs the cluster signing certificate and key');
    this.name = 'MissingSigningAuthorityError';
  }
}

export class CsrSigningController implements Controller {
  readonly name = 'certificatesigningrequest-signing-controller';
  private readonly queue = new RateLimitingQueue<string>();
  private readonly requests: SharedInformer<Csr>;
  private readonly ca: SigningAuthority;

  constructor(private readonly ctx: ControllerContext) {
    const signing = ctx.clusterSigning;
    if (signing === undefined) throw new MissingSigningAuthorityError();
    this.ca = { certificate: new X509Certificate(signing.certificatePem), privateKey: createPrivateKey(signing.privateKeyPem) };
    this.requests = ctx.informers.informerFor<Csr>(CERTIFICATE_SIGNING_REQUESTS);
    this.requests.addEventHandler({ onAdd: (csr) => this.queue.add(keyOf(csr)), onUpdate: (_old, csr) => this.queue.add(keyOf(csr)) });
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCaches(signal, this.requests))) return;
    await runWorkers(this.name, this.queue, (key) => this.sync(key), this.ctx.workers ?? 5, signal, this.ctx.logger);
  }

  private async sync(name: string): Promise<void> {
    const cached = this.requests.lister.get(name);
    if (cached === undefined || cached.status?.certificate || !hasTrue(cached, 'Approved') || hasTrue(cached, 'Failed')) return;
    const rule = SIGNER_RULES[cached.spec?.signerName ?? ''];
    if (rule === undefined) return;
    const csr = structuredClone(cached);
    let request;
    try {
      request = parseCertificateRequest(Buffer.from(csr.spec?.request ?? '', 'base64').toString('latin1'));
    } catch (error) {
      // Validation let it in, so this is not for a retry to fix.
      if (!(error instanceof CertificateRequestError)) throw error;
      this.ctx.logger.warn(`${this.name}: unable to parse csr ${JSON.stringify(name)}`, { error });
      return;
    }
    const usages = csr.spec?.usages ?? [];
    const refusal = rule(request, usages);
    const status = { ...(csr.status ?? {}) };
    if (refusal !== undefined) {
      const failed: Condition = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: refusal, lastUpdateTime: formatTime(Date.now()) };
      status.conditions = [...(status.conditions ?? []), failed];
    } else {
      const pem = signRequest(this.ca, request, { usages, expirationSeconds: csr.spec?.expirationSeconds, now: new Date() });
      status.certificate = Buffer.from(pem).toString('base64');
    }
    csr.status = status;
    await this.ctx.client.resource(CERTIFICATE_SIGNING_REQUESTS).updateStatus(csr);
  }
}
