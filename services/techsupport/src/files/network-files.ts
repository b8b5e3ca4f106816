import type { Express } from 'express';
import {
  authorize,
  badInput,
  checkUpload,
  cleanFileName,
  correlation,
  INTERNAL_FILES_PATH,
  mountFileDownload,
  newFileId,
  parseUploadKind,
  rawBody,
  requireGatewayCredential,
  requireScope,
  sendFileError,
  type FileStore,
  type MountContext,
  type SizeLimits,
  type StoredFile,
} from '@vinculo/common';
import { policy } from '../policy';

/** The bucket holding the tenant's uploaded QGIS exports (this subgraph's database, next to the nodes). */
export const NETWORK_FILES_BUCKET = 'network_files';

/** Where a client downloads a file: the gateway's route beside /graphql. */
const downloadPath = (id: string): string => `/attachments/${id}`;

/** An uploaded network file as clients see it (the same shape as customers' upload answer). */
export const networkFileView = (f: StoredFile) => ({
  id: f.id,
  kind: f.kind,
  name: f.name,
  contentType: f.contentType,
  size: f.size,
  sha256: f.sha256,
  createdBy: f.createdBy,
  createdAt: f.createdAt,
  downloadPath: downloadPath(f.id),
});

/**
 * POST /internal/files?kind=NETWORK_IMPORT&name=… (raw body) — the gateway's POST /attachments for a
 * QGIS export (issue #16: "QGIS import can point at an attachment"). The file is the tenant's network,
 * not a customer's, and it is read by importNetworkNodes here, so it is kept here (`att_tec_…`).
 * Checked before anything is stored: the caller (gateway credential, token, `write`, who may import),
 * the kind, the name and the bytes (not empty, within the kind's size, CSV or XLSX by content, the
 * declared type the sniffed one). GET /internal/files/:id serves it back to the same tenant.
 */
export function mountNetworkFiles(app: Express, deps: { store: FileStore; limits: SizeLimits }, ctx: MountContext): void {
  app.post(
    INTERNAL_FILES_PATH,
    requireGatewayCredential(ctx.gatewayCredential),
    correlation,
    rawBody(deps.limits.NETWORK_IMPORT, ctx.logger),
    async (req, res) => {
      try {
        const principal = await ctx.verifyToken(req.headers.authorization);
        requireScope(principal, 'write');
        authorize(policy, 'importNetworkNodes', principal);
        const kind = parseUploadKind(req.query.kind);
        if (kind !== 'NETWORK_IMPORT') throw badInput('technical support keeps NETWORK_IMPORT files only', 'kind');
        if (typeof req.query.customerId === 'string' && req.query.customerId)
          throw badInput("a NETWORK_IMPORT is the tenant's, not a customer's: leave customerId out", 'customerId');
        const name = cleanFileName(req.query.name);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const contentType = checkUpload(kind, bytes, req.headers['content-type'], deps.limits);
        const file = await deps.store.put({
          id: newFileId('att', 'techsupport'),
          tenantId: principal.tenantId,
          kind,
          name,
          contentType,
          bytes,
          entity: { type: 'Tenant', id: principal.tenantId, version: null },
          createdBy: principal.userId,
        });
        res.status(201).json({ attachment: { ...networkFileView(file), customerId: null } });
      } catch (err) {
        sendFileError(res, err, ctx.logger);
      }
    },
  );
  mountFileDownload(app, deps.store, ctx, (principal) => authorize(policy, 'importNetworkNodes', principal));
}
