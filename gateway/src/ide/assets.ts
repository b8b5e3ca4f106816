import path from 'node:path';

/** The files the IDE page loads, served by the gateway itself from node_modules (works offline). */
const ASSETS = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css' },
} as const;

export type IdeAssetName = keyof typeof ASSETS;
export const IDE_ASSET_NAMES = Object.keys(ASSETS) as IdeAssetName[];

/**
 * Absolute path of each asset. Resolved through each package's package.json because react and
 * react-dom list no `umd/*` in their `exports`, so resolving the file itself is refused.
 */
export function resolveIdeAssets(): Record<IdeAssetName, string> {
  const entries = IDE_ASSET_NAMES.map((name) => {
    const { pkg, file } = ASSETS[name];
    return [name, path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file)] as const;
  });
  return Object.fromEntries(entries) as Record<IdeAssetName, string>;
}
