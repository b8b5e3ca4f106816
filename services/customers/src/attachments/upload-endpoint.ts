import type { Express } from 'express';
import {
  authorize,
  badInput,
  checkUpload,
  cleanFileName,
  correlation,
  INTERNAL_FILES_PATH,
  largestLimit,
  mountFileDownload,
  newEnvelope,
  newFileId,
  notFound,
  parseUploadKind,
  rawBody,
  requireGatewayCredential,
  requireScope,
  sendFileError,
  type FileStore,
  type MountContext,
  type SizeLimits,
} from '@vinculo/common';
import { policy } from '../policy';
import type { CustomerRepository } from '../store/customer.repository';
import type { AttachmentModel } from './attachment.model';
import { attachmentView } from './view';

/**
 * POST /internal/files?kind=…&customerId=…&name=… (raw body) — the gateway's POST /attachments.
 * Everything is checked before anything is stored: the caller (gateway credential, token, `write`,
 * staff), the kind, the name, the customer (NOT_FOUND when not the tenant's), and the bytes (not
 * empty, within the kind's size, a type the kind allows, the declared type the sniffed one). Then
 * the bytes go to GridFS and the record with customers.AttachmentStored is written (a crash between
 * the two leaves unreferenced bytes nobody can read, never a record without its file).
 * GET /internal/files/:id serves it back to the same tenant.
 */
export function mountAttachments(
  app: Express,
  deps: { store: FileStore; attachments: AttachmentModel; customers: CustomerRepository; limits: SizeLimits; published: () => void },
  ctx: MountContext,
): void {
  app.post(
    INTERNAL_FILES_PATH,
    requireGatewayCredential(ctx.gatewayCredential),
    correlation,
    rawBody(largestLimit(deps.limits), ctx.logger),
    async (req, res) => {
      try {
        const principal = await ctx.verifyToken(req.headers.authorization);
        requireScope(principal, 'write');
        authorize(policy, 'uploadAttachments', principal);
        const kind = parseUploadKind(req.query.kind);
        const name = cleanFileName(req.query.name);
        const customerId = typeof req.query.customerId === 'string' && req.query.customerId ? req.query.customerId : null;
        // The letterhead logo is the tenant's own file (its ADMIN's); every other kind is a customer's.
        if (kind === 'LOGO') {
          authorize(policy, 'configureTenant', principal);
          if (customerId) throw badInput("a LOGO is the tenant's, not a customer's: leave customerId out", 'customerId');
        } else {
          if (!customerId) throw badInput('customerId is required', 'customerId');
          if (!(await deps.customers.find(principal.tenantId, customerId))) throw notFound('Customer', customerId);
        }
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const contentType = checkUpload(kind, bytes, req.headers['content-type'], deps.limits);

        const id = newFileId('att', 'customers');
        const entity = customerId ? { type: 'Customer', id: customerId, version: null } : { type: 'Tenant', id: principal.tenantId, version: null };
        const file = await deps.store.put({ id, tenantId: principal.tenantId, kind, name, contentType, bytes, entity, createdBy: principal.userId });
        // Other subgraphs learn of a customer's file; the logo travels with the tenant's snapshot once configured.
        const events = customerId
          ? [
              newEnvelope('customers', principal, {
                type: 'customers.AttachmentStored',
                subject: customerId,
                data: { attachmentId: id, customerId, kind, name, contentType, size: file.size, sha256: file.sha256 },
              }),
            ]
          : [];
        const created = await deps.attachments.create({
          _id: id,
          tenantId: principal.tenantId,
          customerId,
          kind,
          name,
          contentType,
          size: file.size,
          sha256: file.sha256,
          createdBy: principal.userId,
          createdAt: file.createdAt,
          outbox: events,
        });
        deps.published();
        res.status(201).json({ attachment: { ...attachmentView(created.toObject()), customerId } });
      } catch (err) {
        sendFileError(res, err, ctx.logger);
      }
    },
  );
  mountFileDownload(app, deps.store, ctx, (principal) => authorize(policy, 'readAttachments', principal));
}
