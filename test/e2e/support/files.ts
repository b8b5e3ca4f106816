/**
 * Files through the gateway (POST /attachments, GET /attachments/:id, GET /documents/:id) and
 * PDF text extraction, for the documents tests and any test that needs a requirement's file.
 */
import { execFile } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { testStack } from '@vinculo/common/testing';

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

/** An uploaded requirement's id (fails the test when the upload is refused). */
export async function uploadRequirement(token: string, customerId: string, name: string, bytes = samplePdf()): Promise<string> {
  const answer = await upload(token, { kind: 'REQUIREMENT', customerId, name }, bytes, 'application/pdf');
  if (answer.status !== 201) throw new Error(`upload refused ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer.json.attachment.id as string;
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
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
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
