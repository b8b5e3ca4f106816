import { requirementsMissing, type DocumentFile } from '@vinculo/common';
import { REQUIRED_DOCUMENTS } from '../domain/sales-order';
import type { SalesDeps } from './deps';

/** Kinds of upload that may prove a sale's requirement or backing document. */
export const SALE_DOCUMENT_KINDS = ['REQUIREMENT', 'BACKING_DOCUMENT'] as const;

/**
 * R-SAL-2 with files (issue #16): a document counts only when it points at an uploaded file known here
 * (customers.AttachmentStored), of this tenant and customer, of a sale document's kind. Every document
 * the customer kind needs must be so proved; a document only named (`names`, the older name lists) or
 * a file that does not count refuses with what is missing — before anything is written. Returns the
 * proved documents with their files, in the order given.
 */
export async function requireDocumentFiles(
  deps: Pick<SalesDeps, 'attachments'>,
  at: { tenantId: string; customerId: string; customerKind: string },
  files: readonly DocumentFile[],
  names: readonly string[] = [],
): Promise<DocumentFile[]> {
  const { proved, refused } = await deps.attachments.proveDocuments(at.tenantId, at.customerId, files, SALE_DOCUMENT_KINDS);
  const have = new Set(proved.map((p) => p.document));
  const needed = REQUIRED_DOCUMENTS[at.customerKind] ?? REQUIRED_DOCUMENTS.PERSON!;
  const named = names.map((n) => n.trim().toUpperCase()).filter(Boolean);
  const missing = [...new Set([...needed, ...named])].filter((d) => !have.has(d));
  if (missing.length || refused.length) throw requirementsMissing(missing, refused, 'R-SAL-2');
  return proved;
}

/** The digital request's statuses that receive requirements (domain/digital-sale.ts). */
const RECEIVING = ['FEASIBLE', 'REQUIREMENTS_RECEIVED'];

/** A digital request's received requirement: the file's own name, type and size (as stored by customers). */
export interface ReceivedFile {
  document: string;
  attachmentId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
}

/**
 * §2 step 4 with files: each requirement received by a digital channel points at the customer's
 * uploaded file; its name, type and size are the stored file's. A file that does not count refuses
 * the whole call (nothing written). In a status that receives no requirements the files are not read:
 * the request's state machine refuses with its own rule (R-DIG-1, R-DIG-2, wrong state).
 */
export async function receivedFiles(
  deps: Pick<SalesDeps, 'attachments'>,
  tenantId: string,
  request: { customerId: string | null; status: string },
  files: readonly DocumentFile[],
): Promise<ReceivedFile[]> {
  const { customerId } = request;
  // Before the checks (R-DIG-1 / R-DIG-2) or after the order, the state machine refuses on its own terms.
  if (!customerId || !RECEIVING.includes(request.status)) return [];
  const { proved, refused } = await deps.attachments.proveDocuments(tenantId, customerId, files, SALE_DOCUMENT_KINDS);
  if (refused.length) throw requirementsMissing([...new Set(refused.map((r) => r.document))], refused, 'R-SAL-2');
  const out: ReceivedFile[] = [];
  for (const p of proved) {
    const file = (await deps.attachments.find(tenantId, p.attachmentId))!;
    out.push({ ...p, name: file.name, mediaType: file.contentType, sizeBytes: file.size });
  }
  return out;
}
