'use strict';
/**
 * Files through the gateway for the scripts that drive the graph as a client does (the demo seed, the
 * drill, the bench): POST /attachments with the raw bytes, as `curl --data-binary @file` does, and a
 * small real PDF to upload as a requirement's scan. A requirement counts only with its file (issue 16).
 */

/** The gateway's base (the /graphql URL without its path). */
const baseOf = (graphqlUrl) => new URL('/', graphqlUrl).toString().replace(/\/$/, '');

/**
 * A small, valid one-page PDF saying `text` (any viewer opens it; the sniffer reads its magic). Offsets
 * in the cross-reference table are computed, so the file is well formed.
 */
function smallPdf(text) {
  const safe = String(text)
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/([()\\])/g, '\\$1');
  const stream = `BT /F1 14 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(body);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Upload one file; the stored attachment (id, kind, name, contentType, size, sha256, downloadPath).
 * Refused → throws with the answer. The owner too busy to answer (502/503) is asked again for up to a
 * minute: a copy kept by the lost attempt is only an unreferenced file.
 */
async function uploadFile(graphqlUrl, token, { kind, customerId, name }, bytes, contentType) {
  const query = new URLSearchParams({ kind, name, ...(customerId ? { customerId } : {}) }).toString();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${baseOf(graphqlUrl)}/attachments?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
    const answer = await res.json().catch(() => ({}));
    if (res.status === 201) return answer.attachment;
    if (![502, 503].includes(res.status) || Date.now() > deadline) throw new Error(`upload of ${name} refused (${res.status}): ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One small PDF per requirement document (kind REQUIREMENT) for the customer: the `{ document, attachmentId }` pairs the requirement inputs take. */
async function uploadRequirements(graphqlUrl, token, customerId, documents) {
  return Promise.all(
    documents.map(async (document) => {
      const file = await uploadFile(
        graphqlUrl,
        token,
        { kind: 'REQUIREMENT', customerId, name: `${document.toLowerCase()}.pdf` },
        smallPdf(`${document} - ${customerId}`),
        'application/pdf',
      );
      return { document, attachmentId: file.id };
    }),
  );
}

module.exports = { smallPdf, uploadFile, uploadRequirements };
