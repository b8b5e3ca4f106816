import type { Express, Request, Response } from 'express';
import { authorize, DomainError, requireGatewayCredential, type Logger, type TokenVerifier } from '@vinculo/common';
import type { NotificationDoc, NotificationModel } from '../store/notification.model';
import { policy } from '../policy';

export interface StreamDeps {
  notifications: NotificationModel;
  logger: Logger;
  verifyToken: TokenVerifier;
  /** The gateway's credential (INTERNAL_API_TOKEN): like /graphql, the stream answers only the gateway. */
  credential: string | undefined;
  pollMs: number;
}

/** The path the gateway forwards `GET /notifications/stream` to. */
export const STREAM_PATH = '/notifications/stream';

/**
 * Server-Sent Events of the signed-in person's new notifications (front ends without polling):
 * `event: ready` with the unread count, then one `event: notification` per new entry (`id:` = its id),
 * and a comment every 15 s to keep proxies from closing the connection. It reads the store every
 * `pollMs` rather than listening in-process, so it sees what any replica wrote.
 */
export function mountStream(app: Express, deps: StreamDeps): void {
  app.get(STREAM_PATH, requireGatewayCredential(deps.credential), async (req: Request, res: Response) => {
    let who: { tenantId: string; userId: string };
    try {
      const principal = await deps.verifyToken(req.headers.authorization);
      authorize(policy, 'readOwnNotifications', principal);
      who = { tenantId: principal.tenantId, userId: principal.userId };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const status = err.kind === 'forbidden' ? 403 : 401;
      res.status(status).json({ errors: [{ message: err.message, extensions: { code: status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED' } }] });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown, id?: string) => res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // Entries written in the last seconds may carry a slightly older createdAt (another replica's
    // clock, a slow insert): look a little back and skip the ids already sent.
    let since = new Date(Date.now() - 2_000);
    const sent = new Set<string>();
    let closed = false;
    const poll = async () => {
      const fresh = await deps.notifications
        .find({ ...who, createdAt: { $gte: new Date(since.getTime() - 2_000) } })
        .sort({ createdAt: 1, _id: 1 })
        .limit(100)
        .lean<NotificationDoc[]>();
      for (const n of fresh) {
        if (sent.has(n._id) || closed) continue;
        sent.add(n._id);
        send(
          'notification',
          { id: n._id, ruleId: n.ruleId, eventType: n.eventType, title: n.title, body: n.body, link: n.link, customerId: n.customerId, createdAt: n.createdAt },
          n._id,
        );
        if (n.createdAt > since) since = n.createdAt;
      }
      if (sent.size > 1000) sent.clear();
    };
    const unread = await deps.notifications.countDocuments({ ...who, readAt: null }).exec();
    send('ready', { unreadCount: unread });
    let busy = false;
    const timer = setInterval(() => {
      if (busy || closed) return;
      busy = true;
      poll()
        .catch((err: unknown) => deps.logger.warn({ err }, 'notification stream poll failed; next poll tries again'))
        .finally(() => (busy = false));
    }, deps.pollMs);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      closed = true;
      clearInterval(timer);
      clearInterval(heartbeat);
    });
  });
}
