import { badInput, DomainError } from '../errors/codes';
import { CONTENT_TYPES, declaredFileType, sniffFileType, type FileType, type SniffedContentType } from './sniff';

/**
 * What a stored file is for, and so which types and size it may have. REQUIREMENT: a document a
 * procedure requires (identity card, tax id, power of attorney, request letter); BACKING_DOCUMENT: a
 * sale's backing papers; CLAIM_EVIDENCE: a billing claim's evidence; NETWORK_IMPORT: a QGIS export;
 * LOGO: the tenant's letterhead logo; GENERATED: a document the graph produced (PDF only).
 */
export const FILE_KINDS = ['REQUIREMENT', 'BACKING_DOCUMENT', 'CLAIM_EVIDENCE', 'NETWORK_IMPORT', 'LOGO', 'GENERATED'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** A kind a client may upload (GENERATED files are only written by the graph). */
export type UploadKind = Exclude<FileKind, 'GENERATED'>;
/** Kinds a client may upload. */
export const UPLOAD_KINDS = FILE_KINDS.filter((k): k is UploadKind => k !== 'GENERATED');

export const ALLOWED_TYPES: Record<FileKind, readonly FileType[]> = {
  REQUIREMENT: ['PDF', 'JPEG', 'PNG'],
  BACKING_DOCUMENT: ['PDF', 'JPEG', 'PNG', 'XLSX'],
  CLAIM_EVIDENCE: ['PDF', 'JPEG', 'PNG', 'XLSX', 'CSV'],
  NETWORK_IMPORT: ['CSV', 'XLSX'],
  LOGO: ['PNG', 'JPEG'],
  GENERATED: ['PDF'],
};

const MIB = 1024 * 1024;
/** Default size limits (bytes); each can be set with ATTACHMENT_MAX_BYTES_<KIND>. */
export const DEFAULT_MAX_BYTES: Record<FileKind, number> = {
  REQUIREMENT: 10 * MIB,
  BACKING_DOCUMENT: 10 * MIB,
  CLAIM_EVIDENCE: 10 * MIB,
  NETWORK_IMPORT: 20 * MIB,
  // Travels base64 in every customers.TenantPolicyChanged snapshot: kept small.
  LOGO: 256 * 1024,
  GENERATED: 20 * MIB,
};

export type SizeLimits = Record<FileKind, number>;

/** The size limit of each kind: ATTACHMENT_MAX_BYTES_<KIND> when set to a positive integer, else the default. */
export function sizeLimits(env: NodeJS.ProcessEnv): SizeLimits {
  const limits = { ...DEFAULT_MAX_BYTES };
  for (const kind of FILE_KINDS) {
    const raw = env[`ATTACHMENT_MAX_BYTES_${kind}`];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`ATTACHMENT_MAX_BYTES_${kind} must be a positive integer, got ${JSON.stringify(raw)}`);
    limits[kind] = n;
  }
  return limits;
}

/** The largest limit: what the gateway reads of an upload body before the owner decides by kind. */
export const largestLimit = (limits: SizeLimits): number => Math.max(...UPLOAD_KINDS.map((k) => limits[k]));

export function parseUploadKind(raw: unknown): UploadKind {
  const kind = UPLOAD_KINDS.find((k) => k === raw);
  if (!kind) throw badInput(`kind must be one of ${UPLOAD_KINDS.join(', ')}`, 'kind');
  return kind;
}

/** Refused because the file is larger than its kind allows (HTTP 413, BAD_USER_INPUT). */
export class FileTooLarge extends DomainError {
  constructor(kind: FileKind, limit: number) {
    super('invalid_input', `a ${kind} file may have at most ${limit} bytes`, { field: 'body', limit });
  }
}

/**
 * Check an upload before anything is stored: not empty, within its kind's size, a type the kind
 * allows (sniffed from the bytes), and the declared content type the same as the sniffed one (a file
 * claiming one type and being another is refused, not corrected). Returns the sniffed content type.
 */
export function checkUpload(kind: FileKind, bytes: Buffer, declared: string | undefined, limits: SizeLimits): SniffedContentType {
  if (!bytes.length) throw badInput('the file is empty', 'body');
  if (bytes.length > limits[kind]) throw new FileTooLarge(kind, limits[kind]);
  const sniffed = sniffFileType(bytes);
  const allowed = ALLOWED_TYPES[kind];
  if (!sniffed || !allowed.includes(sniffed)) {
    throw badInput(`a ${kind} file must be ${allowed.join(', ')}; this one is ${sniffed ?? 'none of them'}`, 'body');
  }
  const claimed = declaredFileType(declared);
  if (claimed !== sniffed) {
    throw badInput(`the file says it is ${declared ?? 'nothing'} but its content is ${CONTENT_TYPES[sniffed]}`, 'content-type');
  }
  return CONTENT_TYPES[sniffed];
}

/** A file name as kept and offered on download: printable, no path, 1 to 200 characters. */
export function cleanFileName(raw: unknown): string {
  if (typeof raw !== 'string') throw badInput('name is required (the file name, e.g. carnet.pdf)', 'name');
  const name = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f/\\]/.test(name)) {
    throw badInput('name must have 1 to 200 printable characters and no path', 'name');
  }
  return name;
}
