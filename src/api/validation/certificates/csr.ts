// CertificateSigningRequest validation: upstream's ValidateCertificateSigningRequestCreate,
// ...Update, ...StatusUpdate and ...ApprovalUpdate, with the options computed from the
// stored object. A request must carry a validly signed PKCS#10 request, known usages and a
// signer; problems a stored object already has stay accepted. Approved/Denied/Failed
// conditions are never removed; Approved and Denied come and change only through the
// approval subresource, the certificate only through status.

import { X509Certificate } from 'node:crypto';
import {
  duplicate, forbidden, invalid, notSupported, required, root, type FieldErrorList, type FieldPath,
} from '../../../machinery/field-errors.js';
import { semanticDeepEqual } from '../../../machinery/semantic-equal.js';
import { specDiff } from '../core/spec-diff.js';
import type { ApiObject } from '../../strategy.js';
import { obj, objects, objOrEmpty, optNum, str, strings, type Json } from '../common/json.js';
import { validateObjectMetaOf, validateObjectMetaUpdateOf } from '../common/meta.js';
import type { ResourceValidator } from '../validator.js';
import { certificateRequestError } from './csr-request.js';
import { validateSignerName } from './signer-name.js';

const SPEC = root('spec');
const CONDITIONS = root('status', 'conditions');
const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';
const MIN_EXPIRATION_SECONDS = 600;

/** Key usages, sorted as upstream lists them. */
const USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];
const TRUE_ONLY_CONDITIONS = new Set(['Approved', 'Denied', 'Failed']);
const ALL_STATUSES = ['False', 'True', 'Unknown'];

/** What the stored object already gets away with (all false on create). */
interface Options {
  readonly allowLegacySignerName: boolean;
  readonly allowUnknownUsages: boolean;
  readonly allowDuplicateUsages: boolean;
  readonly allowBothApprovedAndDenied: boolean;
  readonly allowDuplicateConditionTypes: boolean;
  readonly allowEmptyConditionType: boolean;
  readonly allowArbitraryCertificate: boolean;
}

const STRICT: Options = {
  allowLegacySignerName: false,
  allowUnknownUsages: false,
  allowDuplicateUsages: false,
  allowBothApprovedAndDenied: false,
  allowDuplicateConditionTypes: false,
  allowEmptyConditionType: false,
  allowArbitraryCertificate: false,
};

/** Upstream does not restrict the names of CSRs. */
const anyName = (): string[] => [];

function validateUsages(usages: string[], path: FieldPath, opts: Options): FieldErrorList {
  const errs: FieldErrorList = usages.length === 0 ? [required(path, '')] : [];
  if (!opts.allowUnknownUsages) {
    usages.forEach((u, i) => {
      if (!USAGES.includes(u)) errs.push(notSupported(path.index(i), u, USAGES));
    });
  }
  if (!opts.allowDuplicateUsages) {
    usages.forEach((u, i) => {
      if (usages.indexOf(u) < i) errs.push(duplicate(path.index(i), u));
    });
  }
  return errs;
}

function validateConditions(conditions: Json[], opts: Options): FieldErrorList {
  const errs: FieldErrorList = [];
  const seen = new Set<string>();
  let [approved, denied] = [false, false];
  conditions.forEach((c, i) => {
    const type = str(c, 'type');
    const status = str(c, 'status');
    const path = CONDITIONS.index(i);
    if (!opts.allowEmptyConditionType && type === '') errs.push(required(path.child('type'), ''));
    const allowed = TRUE_ONLY_CONDITIONS.has(type) ? ['True'] : ALL_STATUSES;
    if (status === '') errs.push(required(path.child('status'), ''));
    else if (!allowed.includes(status)) errs.push(notSupported(path.child('status'), status, allowed));
    if (!opts.allowBothApprovedAndDenied && (type === 'Approved' || type === 'Denied')) {
      if ((type === 'Approved' && denied) || (type === 'Denied' && approved)) {
        errs.push(invalid(path.child('type'), type, 'Approved and Denied conditions are mutually exclusive'));
      }
      if (type === 'Approved') approved = true;
      else denied = true;
    }
    if (!opts.allowDuplicateConditionTypes && seen.has(type)) errs.push(duplicate(path.child('type'), type));
    seen.add(type);
  });
  return errs;
}

/** What is wrong with status.certificate (base64 of PEM CERTIFICATE blocks), or undefined. */
function certificateError(base64: string): string | undefined {
  const pem = Buffer.from(base64, 'base64').toString('latin1');
  if (pem === '') return undefined;
  const blocks = [...pem.matchAll(/-----BEGIN ([^\n-]+)-----\r?\n([\s\S]*?)-----END \1-----/g)];
  if (blocks.length === 0) return 'must contain at least one CERTIFICATE PEM block';
  for (const block of blocks) {
    if (block[1] !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found "${block[1]}"`;
    if ((block[2] ?? '').includes(':')) return 'no PEM block headers are permitted';
    try {
      new X509Certificate(block[0]);
    } catch {
      return 'x509: malformed certificate';
    }
  }
  return undefined;
}

function validateCSR(csr: ApiObject, opts: Options): FieldErrorList {
  const spec = objOrEmpty(csr, 'spec');
  const errs = validateObjectMetaOf(csr, false, anyName);
  const request = str(spec, 'request');
  const requestError = certificateRequestError(request);
  if (requestError !== undefined) errs.push(invalid(SPEC.child('request'), request, requestError));
  errs.push(...validateUsages(strings(spec, 'usages'), SPEC.child('usages'), opts));
  const signerName = str(spec, 'signerName');
  if (!opts.allowLegacySignerName && signerName === LEGACY_UNKNOWN_SIGNER) {
    errs.push(invalid(SPEC.child('signerName'), signerName, 'the legacy signerName is not allowed via this API version'));
  } else {
    errs.push(...validateSignerName(signerName, SPEC.child('signerName')));
  }
  const expiration = optNum(spec, 'expirationSeconds');
  if (expiration !== undefined && expiration < MIN_EXPIRATION_SECONDS) {
    errs.push(invalid(SPEC.child('expirationSeconds'), expiration, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  const status = obj(csr, 'status');
  errs.push(...validateConditions(objects(status, 'conditions'), opts));
  const certError = opts.allowArbitraryCertificate ? undefined : certificateError(str(status, 'certificate'));
  if (certError !== undefined) errs.push(invalid(root('status', 'certificate'), '<certificate data>', certError));
  return errs;
}

/** The relaxations a stored object earns by already having the problem. */
function updateOptions(old: ApiObject): Options {
  const spec = objOrEmpty(old, 'spec');
  const usages = strings(spec, 'usages');
  const conditions = objects(obj(old, 'status'), 'conditions').map((c) => str(c, 'type'));
  return {
    allowLegacySignerName: str(spec, 'signerName') === LEGACY_UNKNOWN_SIGNER,
    allowUnknownUsages: usages.some((u) => !USAGES.includes(u)),
    allowDuplicateUsages: new Set(usages).size !== usages.length,
    allowBothApprovedAndDenied: conditions.includes('Approved') && conditions.includes('Denied'),
    allowDuplicateConditionTypes: new Set(conditions).size !== conditions.length,
    allowEmptyConditionType: conditions.includes(''),
    allowArbitraryCertificate: certificateError(str(obj(old, 'status'), 'certificate')) !== undefined,
  };
}

/** What an update may touch beyond what the main resource may. */
interface UpdateRights {
  readonly approvalConditions: boolean;
  readonly certificate: boolean;
}

const conditionsOfType = (csr: ApiObject, type: string): Json[] => objects(obj(csr, 'status'), 'conditions').filter((c) => str(c, 'type') === type);

function validateUpdate(csr: ApiObject, old: ApiObject, rights: UpdateRights): FieldErrorList {
  const errs = validateCSR(csr, updateOptions(old));
  for (const type of ['Approved', 'Denied', 'Failed']) {
    if (conditionsOfType(csr, type).length < conditionsOfType(old, type).length) {
      errs.push(forbidden(CONDITIONS, `updates may not remove a condition of type ${JSON.stringify(type)}`));
    }
  }
  if (!rights.approvalConditions) {
    for (const type of ['Approved', 'Denied']) {
      const [next, prev] = [conditionsOfType(csr, type), conditionsOfType(old, type)];
      if (next.length > prev.length) errs.push(forbidden(CONDITIONS, `updates may not add a condition of type ${JSON.stringify(type)}`));
      else if (next.length === prev.length && !semanticDeepEqual(next, prev)) {
        errs.push(forbidden(CONDITIONS, `updates may not modify a condition of type ${JSON.stringify(type)}\n${specDiff(prev, next)}`));
      }
    }
  }
  const certificate = str(obj(csr, 'status'), 'certificate');
  const oldCertificate = str(obj(old, 'status'), 'certificate');
  if (certificate !== oldCertificate) {
    if (!rights.certificate) errs.push(forbidden(root('status', 'certificate'), 'updates may not set certificate content'));
    else if (oldCertificate !== '') errs.push(forbidden(root('status', 'certificate'), 'updates may not modify existing certificate content'));
  }
  return [...errs, ...validateObjectMetaUpdateOf(csr, old)];
}

/** certificatesigningrequests/approval: Approved and Denied conditions may be added. */
export function validateCsrApprovalUpdate(csr: ApiObject, old: ApiObject): FieldErrorList {
  return validateUpdate(csr, old, { approvalConditions: true, certificate: false });
}

export const certificateSigningRequestValidator: ResourceValidator = {
  validate: (csr) => validateCSR(csr, STRICT),
  validateUpdate: (csr, old) => validateUpdate(csr, old, { approvalConditions: false, certificate: false }),
  // The status subresource sets the certificate (once).
  validateStatusUpdate: (csr, old) => validateUpdate(csr, old, { approvalConditions: false, certificate: true }),
};
