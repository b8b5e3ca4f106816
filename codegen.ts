import { existsSync, readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One block per subgraph: typed resolvers from schemas/<name>.graphql, federation-aware, with the
 * shared request context and mappers from GraphQL types to stored documents, which each service
 * declares in services/<name>/codegen.mappers.json (paths relative to src/__generated__/).
 * Output goes to services/<name>/src/__generated__/ (not committed; `npm run build` makes it).
 */
const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals', 'notifications'];

const block = (name: string) => ({
  schema: [`schemas/${name}.graphql`, 'schemas/codegen/federation.graphql'],
  plugins: ['typescript', 'typescript-resolvers'],
  config: {
    federation: true,
    contextType: '@vinculo/common#RequestContext',
    mappers: JSON.parse(readFileSync(`services/${name}/codegen.mappers.json`, 'utf8')) as Record<string, string>,
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
    ...Object.fromEntries(
      SUBGRAPHS.filter((name) => existsSync(`schemas/${name}.graphql`)).map((name) => [`services/${name}/src/__generated__/resolvers-types.ts`, block(name)]),
    ),
    // @vinculo/client: the operations of client/operations as TypedDocumentNodes, checked against the
    // committed supergraph (an operation that no longer fits the graph fails the build).
    'client/src/__generated__/': {
      schema: 'schemas/supergraph.graphql',
      documents: ['client/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', Date: 'string', ID: 'string' } },
    },
  },
};
export default config;
