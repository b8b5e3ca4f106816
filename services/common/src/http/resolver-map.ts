import type { buildSubgraphSchema } from '@apollo/subgraph';

/**
 * The resolver map `buildSubgraphSchema` takes. @apollo/subgraph declares it only under `dist/`, which
 * is not the package's API (a minor release may move it), so it is named here from the entry point.
 */
export type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;
