import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One block per subgraph: typed resolvers from schemas/<name>.graphql, federation-aware, with the
 * shared request context and mappers from GraphQL types to the stored documents.
 * Output goes to services/<name>/src/__generated__/ (not committed; `npm run build` makes it).
 */
const subgraph = (name: string, mappers: Record<string, string>) => ({
  schema: [`schemas/${name}.graphql`, 'schemas/codegen/federation.graphql'],
  plugins: ['typescript', 'typescript-resolvers'],
  config: {
    federation: true,
    contextType: '@vinculo/common#RequestContext',
    mappers,
    useTypeImports: true,
    enumsAsTypes: true,
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    scalars: { DateTime: { input: 'Date', output: 'Date | string' }, Date: 'string', ID: 'string' },
    resolverTypeWrapperSignature: 'Promise<T> | T',
  },
});

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: {
    'services/customers/src/__generated__/resolvers-types.ts': subgraph('customers', {
      Customer: '../store/customer.model#CustomerDoc',
      PortfolioAssignment: '../store/customer.model#PortfolioAssignmentDoc',
    }),
  },
};
export default config;
