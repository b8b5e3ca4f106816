import { DomainError } from '../errors/codes';
import type { KnownAttachment } from './attachments';

/** A requirement (or backing document) named with the uploaded file that proves it. */
export interface DocumentFile {
  document: string;
  attachmentId: string;
}

/** Why a named file does not prove its document. */
export type FileRefusal = 'UNKNOWN' | 'OTHER_CUSTOMER' | 'WRONG_KIND';

export interface RefusedFile extends DocumentFile {
  reason: FileRefusal;
}

/**
 * Which documents the files prove (pure): a file proves its document only when it is known here (so
 * of this tenant: the read model is per tenant), of this customer and of an allowed kind. Document
 * names are trimmed and upper-cased, as the requirement tables spell them.
 */
export function provedByFiles(
  customerId: string,
  files: readonly DocumentFile[],
  known: ReadonlyMap<string, Pick<KnownAttachment, 'customerId' | 'kind'>>,
  kinds: readonly string[],
): { proved: DocumentFile[]; refused: RefusedFile[] } {
  const proved: DocumentFile[] = [];
  const refused: RefusedFile[] = [];
  for (const f of files) {
    const file = { document: f.document.trim().toUpperCase(), attachmentId: f.attachmentId };
    const doc = known.get(f.attachmentId);
    const reason: FileRefusal | null = !doc ? 'UNKNOWN' : doc.customerId !== customerId ? 'OTHER_CUSTOMER' : !kinds.includes(doc.kind) ? 'WRONG_KIND' : null;
    if (reason) refused.push({ ...file, reason });
    else if (!proved.some((p) => p.document === file.document)) proved.push(file);
  }
  return { proved, refused };
}

const WHY: Record<FileRefusal, string> = {
  UNKNOWN: "not known here (not uploaded, another tenant's, or still arriving)",
  OTHER_CUSTOMER: "another customer's file",
  WRONG_KIND: 'not a requirement file',
};

/**
 * The requirement refusal (FAILED_PRECONDITION, with `rule` when a rule is named): what is missing,
 * and each named file that did not count and why. A file not known here may still be travelling
 * (customers.AttachmentStored): then the refusal says `retryable` — the same call may pass in a moment.
 */
export function requirementsMissing(missing: readonly string[], refused: readonly RefusedFile[], rule?: string): DomainError {
  const files = refused.map((r) => `${r.document} (${r.attachmentId}: ${WHY[r.reason]})`);
  const message =
    `Requirements incomplete: ${missing.length ? `missing ${missing.join(', ')}` : 'nothing missing'}` +
    (files.length ? `; files that do not count: ${files.join(', ')}` : '') +
    ' — a requirement counts only with its file (POST /attachments, kind REQUIREMENT)';
  return new DomainError('rule_violated', message, {
    ...(rule ? { rule } : {}),
    missing: [...missing],
    refusedFiles: refused.map((r) => ({ ...r })),
    ...(refused.some((r) => r.reason === 'UNKNOWN') ? { retryable: true } : {}),
  });
}
