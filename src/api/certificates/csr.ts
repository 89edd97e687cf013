// CertificateSigningRequest (upstream's csr strategies): a create records who asked and
// starts with an empty status; the spec never changes after; Approved and Denied
// conditions come through certificatesigningrequests/approval, the certificate (and other
// conditions) through /status, and neither subresource can touch what the other owns.

import { GenericStrategy } from '../generic-strategy.js';
import { formatTime } from '../../machinery/time.js';
import type { ApiObject, PartialUpdateRules, Requester } from '../strategy.js';
import { validateCsrApprovalUpdate } from '../validation/certificates/csr.js';

interface Condition {
  type?: string;
  status?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

interface CsrStatus {
  conditions?: Condition[];
  certificate?: string;
}

const APPROVAL_TYPES = ['Approved', 'Denied'];

const statusOf = (obj: ApiObject): CsrStatus => (obj.status ?? {}) as CsrStatus;

/** Conditions without timestamps get now, or the transition time of the same type and status before. */
function populateConditionTimestamps(obj: ApiObject, old: ApiObject): void {
  const now = formatTime(Date.now());
  const previous = statusOf(old).conditions ?? [];
  for (const condition of statusOf(obj).conditions ?? []) {
    condition.lastUpdateTime ||= now;
    if (condition.lastTransitionTime) continue;
    const same = previous.find((p) => p.type === condition.type && p.status === condition.status && p.lastTransitionTime);
    condition.lastTransitionTime = same?.lastTransitionTime ?? now;
  }
}

/** certificatesigningrequests/approval: only status.conditions is taken from the request. */
const APPROVAL: PartialUpdateRules = {
  prepareForUpdate(obj, old) {
    const conditions = statusOf(obj).conditions;
    obj.spec = old.spec;
    const status: CsrStatus = { ...statusOf(old) };
    if (conditions === undefined) delete status.conditions;
    else status.conditions = conditions;
    obj.status = status;
    populateConditionTimestamps(obj, old);
  },
  validateUpdate: validateCsrApprovalUpdate,
};

export class CertificateSigningRequestStrategy extends GenericStrategy {
  readonly partialUpdates: Readonly<Record<string, PartialUpdateRules>> = { approval: APPROVAL };

  /** The requester is the authenticated user, whatever the body said; nobody creates a pre-approved request. */
  override prepareForCreate(obj: ApiObject, requester?: Requester): void {
    const spec = { ...((obj.spec ?? {}) as Record<string, unknown>) };
    for (const field of ['username', 'uid', 'groups', 'extra']) delete spec[field];
    if (requester !== undefined) {
      spec.username = requester.name;
      if (requester.uid) spec.uid = requester.uid;
      const groups = requester.groups.includes('system:authenticated') ? [...requester.groups] : [...requester.groups, 'system:authenticated'];
      spec.groups = groups;
      if (requester.extra && Object.keys(requester.extra).length > 0) spec.extra = requester.extra;
    }
    obj.spec = spec;
    obj.status = {};
  }

  /** The main resource changes metadata only: spec and status stay as stored. */
  override prepareForUpdate(obj: ApiObject, old: ApiObject): void {
    obj.spec = old.spec;
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }

  /** Status writes keep the spec and every Approved/Denied condition as stored. */
  override prepareForStatusUpdate(obj: ApiObject, old: ApiObject): void {
    super.prepareForStatusUpdate(obj, old);
    const status: CsrStatus = { ...statusOf(obj) };
    const kept = (status.conditions ?? []).filter((c) => !APPROVAL_TYPES.includes(c.type ?? ''));
    const approvals = (statusOf(old).conditions ?? []).filter((c) => APPROVAL_TYPES.includes(c.type ?? ''));
    if (kept.length + approvals.length > 0) status.conditions = [...kept, ...approvals];
    else delete status.conditions;
    obj.status = status;
    populateConditionTimestamps(obj, old);
  }
}
