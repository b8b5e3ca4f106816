import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../auth/roles';
import type { TokenVerifier } from '../auth/jwt';
import { requireScope } from '../auth/policy';
import { CODE_OF_KIND, DomainError, type ErrorCode } from '../errors/codes';
import type { Logger } from '../log/logger';
import { correlation } from '../http/request';
import { requireGatewayCredential } from '../http/gateway-credential';
import { FileTooLarge } from './kinds';
import type { FileStore, StoredFile } from './store';

/** The owner subgraph's endpoints the gateway forwards to (never reached by clients directly). */
export const INTERNAL_FILES_PATH = '/internal/files';

/** What a subgraph's extra routes receive besides the app (see SubgraphWiring.mount). */
export interface MountContext {
  verifyToken: TokenVerifier;
  /** The gateway credential the internal routes require (INTERNAL_API_TOKEN); unset = open (development). */
  gatewayCredential: string | undefined;
  logger: Logger;
}

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 409,
  INTERNAL_SERVER_ERROR: 500,
};

/** Answer a refused file request in the same shape as GraphQL errors (one format for clients). */
export function sendFileError(res: Response, err: unknown, logger: Logger): void {
  let code: ErrorCode = 'INTERNAL_SERVER_ERROR';
  let message = 'Unexpected error';
  let extensions: Record<string, unknown> = {};
  let status = 500;
  if (err instanceof DomainError) {
    code = CODE_OF_KIND[err.kind];
    message = err.message;
    extensions = err.details;
    status = err instanceof FileTooLarge ? 413 : STATUS[code];
  } else if ((err as { type?: string } | null)?.type === 'entity.too.large') {
    code = 'BAD_USER_INPUT';
    message = 'the file is larger than any kind allows';
    status = 413;
  } else {
    logger.error({ err }, 'file request failed');
  }
  if (res.headersSent) return void res.destroy();
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }));
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Send a stored file: always as an attachment with its sniffed type and `nosniff`, under a CSP that
 * runs nothing, so no file is ever rendered or executed by a browser on our origin.
 */
export function sendStoredFile(res: Response, store: FileStore, file: StoredFile): void {
  res.status(200);
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-length', String(file.size));
  res.setHeader('content-disposition', contentDisposition(file.name));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-file-sha256', file.sha256);
  store
    .open(file.id)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** The caller of an internal file request (token verified again here, like /graphql). */
export async function principalOfRequest(req: Request, ctx: MountContext): Promise<Principal> {
  return ctx.verifyToken(req.headers.authorization);
}

/**
 * GET /internal/files/:id — a file of the caller's tenant (uploaded or generated); another tenant's
 * id answers NOT_FOUND. `read` scope required, and whatever `allow` checks (the owner's policy).
 */
export function mountFileDownload(app: Express, store: FileStore, ctx: MountContext, allow: (principal: Principal) => void = () => undefined): void {
  app.get(`${INTERNAL_FILES_PATH}/:id`, requireGatewayCredential(ctx.gatewayCredential), correlation, async (req, res) => {
    try {
      const principal = await principalOfRequest(req, ctx);
      requireScope(principal, 'read');
      allow(principal);
      const file = await store.get(principal.tenantId, String(req.params.id));
      sendStoredFile(res, store, file);
    } catch (err) {
      sendFileError(res, err, ctx.logger);
    }
  });
}

/**
 * Raw body up to `limit` bytes, whatever its content type (the type is decided by sniffing); a body
 * too large or unreadable is answered here in the GraphQL error shape (413 / 400), not by Express.
 */
export function rawBody(limit: number, logger: Logger): RequestHandler {
  const parse = express.raw({ type: () => true, limit });
  return (req, res, next) => parse(req, res, (err?: unknown) => (err ? sendFileError(res, err, logger) : next()));
}
