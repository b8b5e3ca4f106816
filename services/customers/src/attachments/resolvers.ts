import { authorize } from '@vinculo/common';
import { policy } from '../policy';
import type { AttachmentKind, CustomerResolvers } from '../__generated__/resolvers-types';
import type { AttachmentDoc, AttachmentModel } from './attachment.model';
import { attachmentView } from './view';

/** Customer.attachments: the customer's files, oldest first (staff only). */
export const customerAttachments = (attachments: AttachmentModel): Pick<CustomerResolvers, 'attachments'> => ({
  attachments: async (c, { kind }, ctx) => {
    authorize(policy, 'readAttachments', ctx.principal);
    const docs = await attachments
      .find({ tenantId: ctx.principal.tenantId, customerId: c._id, ...(kind ? { kind } : {}) }, { outbox: 0 })
      .sort({ createdAt: 1, _id: 1 })
      .limit(500)
      .lean<AttachmentDoc[]>();
    // Uploads are never GENERATED (parseUploadKind): the stored kind is one of the GraphQL enum's.
    return docs.map((d) => ({ ...attachmentView(d), kind: d.kind as AttachmentKind }));
  },
});
