import { SYSTEM_ACTOR, type Principal } from '@vinculo/common';

/** Who acts: a caller of the graph, or the system reacting to a consumed event. */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR };

/** The system acting in a tenant (consumers). */
export const systemActor = (tenantId: string): Actor => ({ tenantId, actor: SYSTEM_ACTOR });
