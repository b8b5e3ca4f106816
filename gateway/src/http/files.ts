import http from 'node:http';
import https from 'node:https';
import type { Express, Request, RequestHandler, Response } from 'express';
import { GATEWAY_CREDENTIAL_HEADER, INTERNAL_FILES_PATH, ownerOfFileId, type FilePrefix, type Logger } from '@vinculo/common';
import { forwardedAuthorization } from './auth';
import { sendGraphQLError } from './graphql-error';

export interface FileRoutesOptions {
  /** Subgraph name → its /graphql URL (the supergraph's, overrides applied). */
  urlOf: ReadonlyMap<string, string>;
  /** The gateway's credential towards the subgraphs (INTERNAL_API_TOKEN). */
  credential: string | undefined;
  /** authenticate, rate limit, requireAuth: the same chain as /graphql. */
  guard: RequestHandler[];
  /** The largest upload any kind allows; the owner then checks its kind's own limit. */
  maxUploadBytes: number;
  timeoutMs: number;
  logger: Logger;
}

/** Headers of the owner's answer passed on to the client (the file's, never hop-by-hop ones). */
const PASSED = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control', 'x-file-sha256'];

/**
 * Files beside /graphql, with the same authentication, rate limit and tenant:
 *   POST /attachments?kind=…&customerId=…&name=…  raw body (curl --data-binary @file) → customers
 *                                                 (kind NETWORK_IMPORT, a QGIS export → techsupport)
 *   GET  /attachments/:id                         an uploaded file → the subgraph its id names
 *   GET  /documents/:id                           a generated document → the subgraph its id names
 * The gateway only routes: the owning subgraph checks the caller's token again, the tenant, the
 * kind, the type and the size, and answers in the GraphQL error shape. Bodies stream through.
 */
export function mountFileRoutes(app: Express, opts: FileRoutesOptions): void {
  const forward = (req: Request, res: Response, subgraph: string, path: string, method: 'GET' | 'POST') => {
    const base = opts.urlOf.get(subgraph);
    if (!base) return sendGraphQLError(res, 503, 'INTERNAL_SERVER_ERROR', `The ${subgraph} subgraph is not configured`);
    const target = new URL(path, base);
    const headers: http.OutgoingHttpHeaders = {
      authorization: forwardedAuthorization(req),
      'x-request-id': String(req.headers['x-request-id'] ?? ''),
      ...(opts.credential ? { [GATEWAY_CREDENTIAL_HEADER]: opts.credential } : {}),
    };
    if (method === 'POST') {
      if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
      if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
      else headers['transfer-encoding'] = 'chunked';
    }
    const client = target.protocol === 'https:' ? https : http;
    // Set once the gateway has answered by itself (an upload past the limit): later upstream errors are ours.
    let answered = false;
    const upstream = client.request(target, { method, headers, timeout: opts.timeoutMs }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of PASSED) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`${subgraph} did not answer within ${opts.timeoutMs} ms`)));
    upstream.on('error', (err) => {
      if (answered) return;
      opts.logger.warn({ err, subgraph }, 'file request to the owning subgraph failed');
      if (!res.headersSent) sendGraphQLError(res, 502, 'INTERNAL_SERVER_ERROR', `The ${subgraph} subgraph did not answer`);
      else res.destroy();
    });
    if (method === 'GET') return void upstream.end();
    // The upload streams through, counted: past the largest limit the exchange stops with 413.
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.maxUploadBytes && !answered) {
        answered = true;
        req.unpipe(upstream);
        upstream.destroy();
        if (!res.headersSent) sendGraphQLError(res, 413, 'BAD_USER_INPUT', `the file is larger than any kind allows (${opts.maxUploadBytes} bytes)`);
        req.resume(); // drain the rest; the client reads the answer
      }
    });
    req.pipe(upstream);
  };

  app.post('/attachments', ...opts.guard, (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > opts.maxUploadBytes) {
      return sendGraphQLError(res, 413, 'BAD_USER_INPUT', `the file is larger than any kind allows (${opts.maxUploadBytes} bytes)`);
    }
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const query = params.toString();
    // The owner by kind: a QGIS export is the tenant's network, kept by technical support (which imports
    // it); every other upload is a customer's paper, kept by customers.
    const owner = params.get('kind') === 'NETWORK_IMPORT' ? 'techsupport' : 'customers';
    forward(req, res, owner, `${INTERNAL_FILES_PATH}${query ? `?${query}` : ''}`, 'POST');
  });

  const download =
    (prefix: FilePrefix): RequestHandler =>
    (req, res) => {
      const id = String(req.params.id);
      const owner = ownerOfFileId(id);
      // A malformed id, or a document id on the attachments route: the same answer as an unknown id.
      if (!owner || owner.prefix !== prefix) return sendGraphQLError(res, 404, 'NOT_FOUND', `File ${id} not found`);
      forward(req, res, owner.owner, `${INTERNAL_FILES_PATH}/${id}`, 'GET');
    };
  app.get('/attachments/:id', ...opts.guard, download('att'));
  app.get('/documents/:id', ...opts.guard, download('doc'));
}
