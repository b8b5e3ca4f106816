/**
 * Files through the gateway (POST /attachments, GET /attachments/:id, GET /documents/:id) and
 * PDF text extraction, for the documents tests and any test that needs a requirement's file.
 */
import { execFile } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@vinculo/client';
import { execute, testStack } from '@vinculo/common/testing';

const gatewayBase = () => new URL('/', testStack().gatewayUrl).toString().replace(/\/$/, '');

export interface FileAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The JSON answer (upload result or GraphQL-shaped error), when the answer is JSON. */
  json: any;
}

async function answerOf(res: Response): Promise<FileAnswer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('application/json') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

/** POST /attachments?kind&customerId&name with the raw bytes, as `curl --data-binary @file` does. */
export async function upload(
  token: string,
  params: { kind: string; customerId: string; name: string },
  bytes: Buffer,
  contentType: string,
): Promise<FileAnswer> {
  const query = new URLSearchParams(params).toString();
  const res = await fetch(`${gatewayBase()}/attachments?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(bytes),
  });
  return answerOf(res);
}

/**
 * An uploaded requirement's id (fails the test when the upload is refused). A subgraph too busy to
 * answer in time (502/503 from the gateway, a loaded CI machine) is asked again until a generous
 * deadline: a copy stored by the lost attempt is only an unreferenced file.
 */
export async function uploadRequirement(token: string, customerId: string, name: string, bytes = samplePdf()): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await upload(token, { kind: 'REQUIREMENT', customerId, name }, bytes, 'application/pdf');
    if (answer.status === 201) return answer.json.attachment.id as string;
    if (![502, 503].includes(answer.status) || Date.now() > deadline) throw new Error(`upload refused ${answer.status}: ${JSON.stringify(answer.json)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A requirement document with the uploaded file that proves it (the inputs' `{ document, attachmentId }`). */
export interface DocumentFile<D extends string = string> {
  document: D;
  attachmentId: string;
}

/** Upload one small real PDF per document (kind REQUIREMENT) for the customer: the pairs the requirement inputs take. */
export async function uploadRequirements<D extends string>(token: string, customerId: string, documents: readonly D[]): Promise<DocumentFile<D>[]> {
  return Promise.all(
    documents.map(async (document) => ({ document, attachmentId: await uploadRequirement(token, customerId, `${document.toLowerCase()}.pdf`) })),
  );
}

const uploadedOnce = new Map<string, Promise<DocumentFile[]>>();

/**
 * The customer's requirement files for these documents, uploaded once per customer (one file may
 * prove the same requirement of many requests, as the paper in the customer's folder does).
 */
export function requirementFilesOf<D extends string>(token: string, customerId: string, documents: readonly D[]): Promise<DocumentFile<D>[]> {
  const key = `${customerId} ${[...documents].sort().join(',')}`;
  if (!uploadedOnce.has(key)) uploadedOnce.set(key, uploadRequirements(token, customerId, documents));
  return uploadedOnce.get(key)! as Promise<DocumentFile<D>[]>;
}

/** Post-sale's spelling of the pairs: `{ requirement, attachmentId }`. */
export const asRequirementAttachments = <D extends string>(files: readonly DocumentFile<D>[]) =>
  files.map((f) => ({ requirement: f.document, attachmentId: f.attachmentId }));

const RECEIVE_PROBE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id } } }`;
const POSTSALE_DOCUMENTS = ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'] as const;
const knownToPostsale = new Map<string, Promise<{ requirement: (typeof POSTSALE_DOCUMENTS)[number]; attachmentId: string }[]>>();

/**
 * The customer's files for every post-sale requirement, uploaded once per customer, returned once
 * post-sale knows them all. Probed without writing anything: a request claiming REQUEST_LETTER by name
 * and bringing only the other files is always refused — `retryable` while a file is still travelling,
 * a plain "missing REQUEST_LETTER" once all are known.
 */
export function postsaleRequirementFiles(token: string, customerId: string) {
  if (!knownToPostsale.has(customerId)) {
    knownToPostsale.set(
      customerId,
      (async () => {
        const files = asRequirementAttachments(await uploadRequirements(token, customerId, POSTSALE_DOCUMENTS));
        const others = files.filter((f) => f.requirement !== 'REQUEST_LETTER');
        const letter = files.find((f) => f.requirement === 'REQUEST_LETTER')!;
        const probe = { type: 'PQR', customerId, channel: 'EMAIL', providedRequirements: ['REQUEST_LETTER'], requirementAttachments: others, pqr: null };
        const deadline = Date.now() + 60_000;
        for (;;) {
          const [a, b] = await Promise.all([
            execute<any>(RECEIVE_PROBE, { i: probe }, { token }),
            execute<any>(RECEIVE_PROBE, { i: { ...probe, providedRequirements: ['ID_DOCUMENT'], requirementAttachments: [letter] } }, { token }),
          ]);
          const errors = [...(a.errors ?? []), ...(b.errors ?? [])];
          // A file still travelling (retryable), or the customer not yet in post-sale's directory (NOT_FOUND).
          const waiting = errors.some((e) => e.extensions?.retryable === true || e.extensions?.code === 'NOT_FOUND');
          if (!waiting) {
            if (errors.length === 2 && errors.every((e) => e.extensions?.code === 'FAILED_PRECONDITION' && /missing/.test(e.message))) return files;
            throw new Error(`unexpected probe answer: ${JSON.stringify([a, b])}`);
          }
          if (Date.now() > deadline) throw new Error(`post-sale did not learn the files within 60 s: ${JSON.stringify(errors)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })(),
    );
  }
  return knownToPostsale.get(customerId)!;
}

/**
 * Run a mutation that names uploaded files until the subgraph it reaches knows them: a refusal marked
 * `retryable` (a file still travelling as customers.AttachmentStored, or another read-model lag) is
 * retried until the deadline; any other error fails at once. Its data.
 */
export async function okOnceFilesKnown<R = any, V = Record<string, unknown>>(
  token: string,
  query: string | TypedDocumentNode<R, V>,
  variables: V,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<R> {
  const { timeoutMs = 60_000, intervalMs = 200 } = opts;
  const deadline = Date.now() + timeoutMs;
  const text = typeof query === 'string' ? query : print(query);
  for (;;) {
    const r = await execute<R>(text, variables as Record<string, unknown>, { token });
    if (!r.errors?.length) return r.data as R;
    const waiting = r.errors.every((e) => e.extensions?.retryable === true);
    if (!waiting || Date.now() > deadline) throw new Error(`${waiting ? `still not known after ${timeoutMs} ms: ` : ''}${JSON.stringify(r.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Run a mutation expected to be refused once the subgraph knows the files it names: a refusal marked
 * `retryable` (a file still travelling) is retried until the deadline; the first other refusal is
 * returned (its GraphQL error); an answer without errors fails.
 */
export async function refusedOnceFilesKnown(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
) {
  const { timeoutMs = 60_000, intervalMs = 200 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await execute<any>(query, variables, { token });
    if (!r.errors?.length) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
    const waiting = r.errors.every((e) => e.extensions?.retryable === true);
    if (!waiting) return r.errors[0]!;
    if (Date.now() > deadline) throw new Error(`still not known after ${timeoutMs} ms: ${JSON.stringify(r.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** GET a download path (`/attachments/…` or `/documents/…`) at the gateway. */
export async function download(token: string, path: string): Promise<FileAnswer> {
  return answerOf(await fetch(`${gatewayBase()}${path}`, { headers: { authorization: `Bearer ${token}` } }));
}

/** A small file that is a PDF by its bytes (the sniffer reads the magic), different every call. */
export const samplePdf = (): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.4\n% carnet escaneado\n'), Buffer.from(randomBytes(2048).toString('hex')), Buffer.from('\n%%EOF\n')]);

/** PNG signature + bytes. */
export const samplePng = (size = 4096): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);

/** A real PNG (an image viewers and pdfkit can decode): `size`×`size` pixels of one RGB colour. */
export function tinyPng(size = 8, rgb: [number, number, number] = [0, 92, 170]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The text and page count of a PDF (whitespace runs, non-breaking spaces included, made one space). */
export async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'pdf-text.js')], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin?.end(bytes);
  });
  const { text, pages } = JSON.parse(out) as { text: string; pages: number };
  return { text: text.replace(/[\s\u00a0\u202f]+/g, ' '), pages };
}
