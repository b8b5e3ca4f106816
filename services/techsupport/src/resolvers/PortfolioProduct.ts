import type { PortfolioProductResolvers } from '../__generated__/resolvers-types';

export const PortfolioProduct = (): PortfolioProductResolvers => ({
  installedProduct: (p) => ({ id: p._id }),
  family: (p) => p.family ?? 'OTHER',
  serviceNumber: (p) => p.serviceNumber ?? '',
  address: (p) => p.address ?? '',
});
