import { signForwardedToken, type JwtConfig, type Logger } from '@vinculo/common';

/**
 * How notifications reads what the other subgraphs own, for display in an e-mail (the figures of a
 * scheduled report, a generated document's bytes): through the gateway, as a client, with a machine
 * identity of its own — never by calling a subgraph (ARCHITECTURE.md: "data a client needs to display
 * comes through the gateway"; a subgraph never calls another). So the figures are the owner's own
 * answer to its own query, with every policy of that query applied.
 *
 * The identity: a token signed with the shared JWT_SECRET (the gateway's forwarded-token form), sub
 * `svc-notifications` (no staff registry entry, so it keeps the roles it is signed with), the tenant
 * the report is for, role ADMIN (the reports are per person: only an overseer may read every
 * executive's, lead's and analyst's) and scope `read` only (it can never mutate), valid 60 s. Without
 * JWT_SECRET (JWKS-only deployments) reports and attachments are off and say so in the log.
 */
export const MACHINE_USER_ID = 'svc-notifications';

export class OwnerReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Worth retrying later (gateway or owner down, overloaded); otherwise the answer will not change. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

const PERMANENT = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'FAILED_PRECONDITION', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED']);

export interface OwnerGraph {
  enabled: boolean;
  query<T>(tenantId: string, query: string, variables: Record<string, unknown>): Promise<T>;
  document(tenantId: string, id: string): Promise<Buffer>;
}

export function ownerGraph(opts: { gatewayUrl: string; jwt: JwtConfig; logger: Logger; timeoutMs?: number }): OwnerGraph {
  const base = opts.gatewayUrl.replace(/\/graphql\/?$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const enabled = Boolean(opts.jwt.JWT_SECRET);
  if (!enabled)
    opts.logger.warn(
      'no JWT_SECRET: scheduled reports and document attachments are off (they read the owners through the gateway with a signed machine token)',
    );
  const authorization = async (tenantId: string) => {
    const token = await signForwardedToken(opts.jwt, { userId: MACHINE_USER_ID, tenantId, roles: ['ADMIN'], scopes: ['read'] });
    if (!token) throw new OwnerReadError('no JWT_SECRET to sign the machine token', 'INTERNAL_SERVER_ERROR', false);
    return `Bearer ${token}`;
  };
  const call = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new OwnerReadError(`gateway not reachable: ${(err as Error).message}`, 'UNAVAILABLE', true);
    }
  };
  return {
    enabled,
    async query<T>(tenantId: string, query: string, variables: Record<string, unknown>): Promise<T> {
      const res = await call(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await authorization(tenantId) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
      const first = body?.errors?.[0];
      if (first) {
        const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        throw new OwnerReadError(first.message, code, !PERMANENT.has(code));
      }
      if (!res.ok || !body?.data) throw new OwnerReadError(`gateway answered ${res.status}`, 'INTERNAL_SERVER_ERROR', res.status >= 500 || res.status === 429);
      return body.data;
    },
    async document(tenantId: string, id: string): Promise<Buffer> {
      const res = await call(`${base}/documents/${encodeURIComponent(id)}`, { headers: { authorization: await authorization(tenantId) } });
      if (!res.ok)
        throw new OwnerReadError(
          `document ${id}: gateway answered ${res.status}`,
          res.status === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR',
          res.status >= 500 || res.status === 429,
        );
      return Buffer.from(await res.arrayBuffer());
    },
  };
}
