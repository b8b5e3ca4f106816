import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { repairQualityCall } from '../../application/quality-calls';
import { assignTicket, dispatchTicket, newTicketKey, recordDiagnosis, registerTicket, resolveRemotely } from '../../application/tickets';

export const registerDamageTicket =
  (deps: ResolverDeps): NonNullable<MutationResolvers['registerDamageTicket']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerDamageTicket', principal);
    const { ticket, registration } = await registerTicket(
      deps,
      {
        tenantId: principal.tenantId,
        customerId: input.customerId,
        installedProductId: input.installedProductId ?? null,
        source: 'CHANNEL',
        key: newTicketKey(),
        service: input.service,
        cause: input.cause,
        address: input.address,
        referencePhone: input.referencePhone,
      },
      principal,
    );
    return { ticket, registration };
  };

export const recordRemoteDiagnosis =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordRemoteDiagnosis']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordRemoteDiagnosis', principal);
    const { ticketId, expectedVersion, ...d } = input;
    return { ticket: await recordDiagnosis(deps, principal, ticketId, expectedVersion, d) };
  };

export const resolveTicketRemotely =
  (deps: ResolverDeps): NonNullable<MutationResolvers['resolveTicketRemotely']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'resolveTicketRemotely', principal);
    return { ticket: await resolveRemotely(deps, principal, input.ticketId, input.expectedVersion, input.customerConfirmed, input.notes) };
  };

export const dispatchDamageTicket =
  (deps: ResolverDeps): NonNullable<MutationResolvers['dispatchDamageTicket']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'dispatchDamageTicket', principal);
    return { ticket: await dispatchTicket(deps, principal, input.ticketId, input.expectedVersion, input.notes ?? null) };
  };

export const recordRepairQualityCall =
  (deps: ResolverDeps): NonNullable<MutationResolvers['recordRepairQualityCall']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordRepairQualityCall', principal);
    const { ticketId, expectedVersion, ...q } = input;
    return { ticket: await repairQualityCall(deps, principal, ticketId, expectedVersion, q) };
  };

export const assignDamageTicket =
  (deps: ResolverDeps): NonNullable<MutationResolvers['assignDamageTicket']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'assignDamageTicket', principal);
    return { ticket: await assignTicket(deps, principal, input.ticketId, input.expectedVersion, input.assigneeId) };
  };
