import { authorize, failedPrecondition, badInput, type DocumentSpec, type FileStore, type GeneratedDocuments, type RequestContext } from '@vinculo/common';
import type { OpportunityResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { OpportunityDoc } from '../store/opportunity.model';
import { policy } from '../policy';
import { businessCaseSpec, proposalSpec, type OpportunityLook } from '../domain/documents';

/** What proposals needs to generate its documents (wired in subgraph.ts). */
export interface ProposalsDocumentDeps {
  files: FileStore;
  documents: GeneratedDocuments;
  renderPdf: (spec: DocumentSpec) => Promise<Buffer>;
}

const lookOf = async (deps: ResolverDeps, o: OpportunityDoc): Promise<OpportunityLook> => ({
  id: o._id,
  title: o.title,
  customerName: await deps.reads.customerName(o.tenantId, o.customerId),
  requirementType: o.requirementType,
  serviceLines: o.serviceLines ?? [],
});

/**
 * Opportunity.businessCaseDocument (F-COM-002) and Opportunity.proposalDocument (F-COM-003):
 * generated from the opportunity as it is, stored with its version.
 */
export const opportunityDocuments = (
  deps: ResolverDeps,
  docs: ProposalsDocumentDeps,
): Pick<OpportunityResolvers, 'businessCaseDocument' | 'proposalDocument'> => ({
  businessCaseDocument: async (o: OpportunityDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readProposals', ctx.principal);
    const b = o.businessCase;
    if (!b) throw failedPrecondition(`opportunity ${o._id} is ${o.status}: it has no business case yet (recordSizing)`, 'businessCaseDocument');
    const tenantId = ctx.principal.tenantId;
    return docs.documents.viewFor({
      tenantId,
      documentType: 'BUSINESS_CASE',
      entity: { type: 'Opportunity', id: o._id, version: o.version },
      name: `caso-de-negocio-${o._id}-v${o.version}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () => docs.renderPdf(businessCaseSpec(await deps.tenantPolicy.letterheadOf(tenantId), await lookOf(deps, o), b)),
    });
  },

  proposalDocument: async (o: OpportunityDoc, { version }, ctx: RequestContext) => {
    authorize(policy, 'readProposals', ctx.principal);
    if (version != null && (!Number.isInteger(version) || version < 1)) throw badInput('version must be 1 or more', 'version');
    const p = version == null ? o.proposals.at(-1) : o.proposals.find((x) => x.version === version);
    if (!p) {
      throw version == null
        ? failedPrecondition(`opportunity ${o._id} is ${o.status}: no proposal was submitted yet (submitProposal)`, 'proposalDocument')
        : failedPrecondition(`opportunity ${o._id} has no proposal version ${version}`, 'version');
    }
    const tenantId = ctx.principal.tenantId;
    return docs.documents.viewFor({
      tenantId,
      documentType: `PROPOSAL_V${p.version}`,
      entity: { type: 'Opportunity', id: o._id, version: o.version },
      name: `propuesta-${o._id}-v${p.version}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () => docs.renderPdf(proposalSpec(await deps.tenantPolicy.letterheadOf(tenantId), await lookOf(deps, o), p)),
    });
  },
});
