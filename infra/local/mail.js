'use strict';
/**
 * The development mail server: an SMTP server (the `smtp-server` package, no auth, no TLS, loopback)
 * that keeps every message it accepts in memory, and a web inbox over HTTP:
 *   GET /                 an HTML list of the messages (newest first)
 *   GET /messages         JSON: [{ id, receivedAt, from, to, cc, subject, text, html, attachments }]
 *   GET /messages/:id     one message as JSON;  DELETE /messages empties the inbox
 *   POST /control/fail?count=n&rcpt=s   the next n deliveries to a recipient containing s (any, without
 *                         rcpt) are refused with a temporary 451 (tests of retries)
 * `npm start` and the test stack start one and point the notifications subgraph at it (SMTP_URL);
 * tests read what was delivered from /messages. Production sets SMTP_URL to a real relay instead.
 */
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const addresses = (a) => (a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address)) : []);
const escape = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * @param {{ smtpPort: number, httpPort: number, host?: string, max?: number }} opts
 * @returns {Promise<{ smtpUrl: string, inboxUrl: string, messages: object[], stop: () => Promise<void> }>}
 */
async function startMailServer(opts) {
  const host = opts.host ?? '127.0.0.1';
  const max = opts.max ?? 5000;
  const messages = [];
  let failures = 0;
  let failRcpt = '';
  let seq = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      if (failures > 0 && session.envelope.rcptTo.some((r) => r.address.includes(failRcpt))) {
        failures--;
        stream.resume();
        const err = new Error('Temporary failure (development server told to fail)');
        err.responseCode = 451;
        stream.on('end', () => callback(err));
        return;
      }
      simpleParser(stream)
        .then((m) => {
          messages.unshift({
            id: String(++seq),
            receivedAt: new Date().toISOString(),
            envelope: { from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) },
            messageId: m.messageId ?? null,
            from: addresses(m.from)[0] ?? null,
            to: addresses(m.to),
            cc: addresses(m.cc),
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            headers: { tenant: m.headers.get('x-vinculo-tenant') ?? null, rule: m.headers.get('x-vinculo-rule') ?? null },
            // Text attachments (CSV reports) are kept readable for tests and the web inbox.
            // Binary ones (XLSX reports, PDF documents) as base64, so tests can open them.
            attachments: (m.attachments ?? []).map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
              ...(/^text\//.test(a.contentType) && a.size <= 200_000 ? { text: a.content.toString('utf8') } : {}),
              ...(a.size <= 2_000_000 ? { base64: a.content.toString('base64') } : {}),
            })),
          });
          if (messages.length > max) messages.length = max;
          callback();
        })
        .catch((err) => callback(err));
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort, host, resolve);
  });
  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (req.method === 'DELETE' && url.pathname === '/messages') {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/control/fail') {
      failures = Math.max(0, Math.min(1000, Number(url.searchParams.get('count') ?? 1) || 0));
      failRcpt = url.searchParams.get('rcpt') ?? '';
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/messages') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
      return;
    }
    const one = /^\/messages\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const m = messages.find((x) => x.id === one[1]);
      res.writeHead(m ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(m ?? { error: 'not found' }));
      return;
    }
    if (url.pathname === '/') {
      const rows = messages
        .map(
          (m) =>
            `<details><summary><b>${escape(m.subject)}</b> — para ${escape(m.to.join(', '))}${m.cc.length ? ` (cc ${escape(m.cc.join(', '))})` : ''} · ${escape(m.receivedAt)}</summary>${m.html || `<pre>${escape(m.text)}</pre>`}</details>`,
        )
        .join('\n');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><meta charset="utf-8"><title>Vínculo · correo local</title><h1>Correo local (${messages.length})</h1>${rows || '<p>Sin mensajes.</p>'}`,
        );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(opts.httpPort, host, resolve);
  });
  return {
    smtpUrl: `smtp://${host}:${opts.smtpPort}`,
    inboxUrl: `http://${host}:${opts.httpPort}/`,
    messages,
    stop: () => Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => web.close(() => r()))]).then(() => undefined),
  };
}

module.exports = { startMailServer };
