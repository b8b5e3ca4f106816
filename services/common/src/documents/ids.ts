import { createHash, randomUUID } from 'node:crypto';

/** Each subgraph's three-letter code in file ids: the gateway routes a download by it. */
export const OWNER_CODES = {
  customers: 'cus',
  sales: 'sal',
  postsale: 'pos',
  collections: 'col',
  techsupport: 'tec',
  proposals: 'pro',
} as const;
export type OwnerSubgraph = keyof typeof OWNER_CODES;

/** `att_…` an uploaded file, `doc_…` a generated document. */
export type FilePrefix = 'att' | 'doc';

const ID = /^(att|doc)_(cus|sal|pos|col|tec|pro)_[0-9a-f]{32}$/;

export function newFileId(prefix: FilePrefix, owner: OwnerSubgraph): string {
  return `${prefix}_${OWNER_CODES[owner]}_${randomUUID().replace(/-/g, '')}`;
}

/** The same id for the same key (a generated document of one entity version). */
export function fileIdFor(prefix: FilePrefix, owner: OwnerSubgraph, key: string): string {
  return `${prefix}_${OWNER_CODES[owner]}_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** The subgraph owning a file id, or undefined for anything that is not a well-formed file id. */
export function ownerOfFileId(id: string): { prefix: FilePrefix; owner: OwnerSubgraph } | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  const owner = (Object.keys(OWNER_CODES) as OwnerSubgraph[]).find((o) => OWNER_CODES[o] === m[2]);
  return owner ? { prefix: m[1] as FilePrefix, owner } : undefined;
}
