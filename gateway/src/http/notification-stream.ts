import { Readable } from 'node:stream';
import type { RequestHandler } from 'express';
import { GATEWAY_CREDENTIAL_HEADER, type Logger } from '@vinculo/common';
import { forwardedAuthorization } from './auth';

/** Where front ends listen for the signed-in person's new notifications (Server-Sent Events). */
export const NOTIFICATION_STREAM_PATH = '/notifications/stream';

/**
 * `GET /notifications/stream`, behind the same authentication and rate limit as /graphql: the
 * gateway forwards the caller's credential to the notifications subgraph's stream and relays the
 * events as they come (no buffering), closing the upstream when the client leaves.
 */
export function notificationStream(opts: { subgraphUrl: string | undefined; credential: string | undefined; logger: Logger }): RequestHandler {
  return async (req, res) => {
    if (!opts.subgraphUrl) {
      res.status(503).json({ errors: [{ message: 'Notifications are not part of this graph', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    const upstreamUrl = new URL(NOTIFICATION_STREAM_PATH, opts.subgraphUrl);
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', authorization: forwardedAuthorization(req) };
      if (opts.credential) headers[GATEWAY_CREDENTIAL_HEADER] = opts.credential;
      const upstream = await fetch(upstreamUrl, { headers, signal: abort.signal });
      res.status(upstream.status);
      res.setHeader('content-type', upstream.headers.get('content-type') ?? 'text/event-stream');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      if (!upstream.body) return void res.end();
      Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream<Uint8Array>)
        .on('error', () => res.end())
        .pipe(res);
    } catch (err) {
      if (abort.signal.aborted) return;
      opts.logger.warn({ err }, 'notification stream: the notifications subgraph did not answer');
      if (!res.headersSent)
        res
          .status(502)
          .json({ errors: [{ message: 'Notifications are unavailable', extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'notifications' } }] });
      else res.end();
    }
  };
}
