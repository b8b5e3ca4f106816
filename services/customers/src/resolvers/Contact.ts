import type { ContactResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Contact = ({ customers }: ResolverDeps): ContactResolvers => ({
  __resolveReference: (ref, ctx) => customers.loadContact(ctx, ref.id),
});
