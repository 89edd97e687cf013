// CertificateSigningRequests: AGE comes second; the signer, the requestor, the requested
// duration, and CONDITION: Pending, Approved or Denied, then ",Failed" and ",Issued".

import { AGE, NAME, column } from './columns.js';
import { NONE, ageOf, nameOf, type ConditionView, type ObjectView } from './cells.js';
import { humanDuration } from './duration.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface CertificateSigningRequestView extends ObjectView {
  spec?: { signerName?: string; username?: string; expirationSeconds?: number };
  status?: { conditions?: ConditionView[]; certificate?: string };
}

/** Condition types count whatever their status, as upstream counts them. */
function csrCondition(csr: CertificateSigningRequestView): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if ((csr.status?.certificate ?? '').length > 0) status += ',Issued';
  return status;
}

const certificateSigningRequestPrinter: TablePrinter = {
  columns: [
    NAME,
    AGE,
    column('SignerName', 'string', 'The signer asked to sign.'),
    column('Requestor', 'string', 'The user who made the request.'),
    column('RequestedDuration', 'string', 'How long the certificate is asked to be valid.'),
    column('Condition', 'string', 'Pending, Approved or Denied; Failed and Issued when so.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const csr = obj as CertificateSigningRequestView;
    const seconds = csr.spec?.expirationSeconds;
    return [
      nameOf(csr),
      ageOf(csr, now),
      csr.spec?.signerName || NONE,
      csr.spec?.username ?? '',
      seconds == null ? NONE : humanDuration(seconds * 1000),
      csrCondition(csr),
    ];
  },
};

export const certificatesPrinters: PrinterMap = { certificatesigningrequests: certificateSigningRequestPrinter };
