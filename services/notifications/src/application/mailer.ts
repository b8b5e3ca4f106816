import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '@vinculo/common';
import { afterFailure } from '../domain/delivery';
import type { MailDoc, MailModel } from '../store/mail.model';
import type { DocumentRef } from './documents';
import { OwnerReadError } from './owner-graph';

export interface MailerOptions {
  mail: MailModel;
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL). */
  smtpUrl: string;
  from: string;
  logger: Logger;
  pollMs: number;
  retryInitialMs: number;
  /**
   * A generated document's bytes from its owner; null when the owner has none for it (the e-mail goes
   * without it, and says so in lastError). Throws OwnerReadError: a transient one retries the e-mail.
   */
  fetchDocument?: (tenantId: string, ref: DocumentRef) => Promise<{ filename: string; contentType: string; content: Buffer } | null>;
}

/** How long one sender holds a message it is sending (another replica takes it over after). */
const LOCK_MS = 60_000;

/**
 * The e-mail sender: takes PENDING messages whose time has come from the outbox, one at a time, and
 * records each attempt (SENT with the relay's message id, or PENDING again later with the error and
 * the SMTP reply code). Runs on wall time: delivery is not business time.
 */
export function startMailer(opts: MailerOptions) {
  const transport: Transporter = nodemailer.createTransport(opts.smtpUrl, { from: opts.from });
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const claim = () => {
    const now = new Date();
    return opts.mail
      .findOneAndUpdate(
        { status: 'PENDING', nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        { $set: { lockedUntil: new Date(now.getTime() + LOCK_MS) }, $inc: { attempts: 1 } },
        { new: true, sort: { nextAttemptAt: 1 } },
      )
      .lean<MailDoc>();
  };

  /**
   * Fetch the generated documents an e-mail carries and keep them on it (a retry of the SMTP send does
   * not fetch again). A document its owner refuses for good (wrong state, gone) is left out and noted.
   */
  const withDocuments = async (m: MailDoc): Promise<MailDoc> => {
    if (!m.documents?.length) return m;
    const attachments = [...m.attachments];
    const notes: string[] = [];
    for (const ref of m.documents) {
      try {
        const doc = opts.fetchDocument ? await opts.fetchDocument(m.tenantId, ref) : null;
        if (doc) attachments.push({ filename: doc.filename, contentType: doc.contentType, content: doc.content.toString('base64') });
        else notes.push(`${ref.type} ${ref.entityId}: not available`);
      } catch (err) {
        if (err instanceof OwnerReadError && !err.transient) notes.push(`${ref.type} ${ref.entityId}: ${err.code} ${err.message}`.slice(0, 300));
        else throw err;
      }
    }
    await opts.mail.updateOne(
      { _id: m._id },
      { $set: { attachments, documents: [], ...(notes.length ? { lastError: `sent without: ${notes.join('; ')}` } : {}) } },
    );
    return { ...m, attachments, documents: [], lastError: notes.length ? `sent without: ${notes.join('; ')}` : m.lastError };
  };

  const sendOne = async (fetched: MailDoc) => {
    let m = fetched;
    try {
      m = await withDocuments(fetched);
      const info = await transport.sendMail({
        from: opts.from,
        to: m.to,
        cc: m.cc,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: `<${encodeURIComponent(m._id)}@vinculo>`,
        headers: { 'X-Vinculo-Tenant': m.tenantId, 'X-Vinculo-Rule': m.ruleId },
        attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
      });
      await opts.mail.updateOne(
        { _id: m._id },
        {
          $set: {
            status: 'SENT',
            sentAt: new Date(),
            messageId: info.messageId,
            lockedUntil: null,
            lastError: m.lastError?.startsWith('sent without:') ? m.lastError : null,
            nextAttemptAt: null,
          },
        },
      );
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const next = afterFailure(m.attempts, code, new Date(), opts.retryInitialMs);
      opts.logger.warn({ mailId: m._id, attempt: m.attempts, responseCode: code, err }, 'e-mail not delivered; retrying later');
      await opts.mail.updateOne(
        { _id: m._id },
        {
          $set: {
            status: next.status,
            nextAttemptAt: next.nextAttemptAt,
            lockedUntil: null,
            lastError: (err as Error).message?.slice(0, 500) ?? String(err),
            lastResponseCode: code ?? null,
          },
        },
      );
    }
  };

  const drain = async () => {
    for (;;) {
      if (stopped) return;
      const m = await claim();
      if (!m) return;
      await sendOne(m);
    }
  };

  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err: unknown) => opts.logger.warn({ err }, 'mail outbox not readable; next poll tries again'))
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          tick();
        }
      });
  };
  const timer = setInterval(tick, opts.pollMs);
  timer.unref();
  return {
    nudge: tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
export type Mailer = ReturnType<typeof startMailer>;
