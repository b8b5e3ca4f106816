export interface IdePageOptions {
  endpoint: string;
  defaultQuery: string;
  assetBase: string;
}

/** The query shown the first time the IDE opens. */
export const DEFAULT_IDE_QUERY = `# Vínculo: one graph over customers, sales, post-sale, collections, support and proposals.
# Paste a token in the box above. Make one with:
#   npm run token -- --tenant demo --role ACCOUNT_EXECUTIVE
query FirstCustomers {
  customers(first: 5) {
    edges {
      node {
        id
        name
        status
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

/** Content-Security-Policy for the IDE page: everything from the gateway itself, nothing remote. */
export const IDE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's CSS-in-JS injects <style> elements and its fonts and icons are data: URLs.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The IDE's HTML: GraphiQL from the gateway's own /ide/assets, a token box, no CDN. */
export function idePage({ endpoint, defaultQuery, assetBase }: IdePageOptions): string {
  // JSON inside <script> must not be able to close the element.
  const config = JSON.stringify({ endpoint, defaultQuery }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Vínculo · GraphQL IDE</title>
  <link rel="stylesheet" href="${assetBase}/graphiql.css">
  <style>
    html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
    body { display: flex; flex-direction: column; }
    header { display: flex; align-items: center; gap: 12px; padding: 8px 12px; background: #1f2937; color: #f9fafb; }
    header strong { font-size: 15px; white-space: nowrap; }
    header label { display: flex; flex: 1; align-items: center; gap: 8px; font-size: 13px; }
    header input { flex: 1; min-width: 0; padding: 6px 8px; border: 1px solid #4b5563; border-radius: 4px;
      background: #111827; color: #f9fafb; font-family: ui-monospace, monospace; font-size: 12px; }
    header small { color: #9ca3af; white-space: nowrap; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <header>
    <strong>Vínculo</strong>
    <label for="token">Token
      <input id="token" type="text" autocomplete="off" spellcheck="false" placeholder="eyJhbGciOi… (sent as Authorization: Bearer …)">
    </label>
    <small>npm run token -- --tenant demo --role ACCOUNT_EXECUTIVE</small>
  </header>
  <div id="graphiql">Loading the IDE…</div>
  <script type="application/json" id="ide-config">${config}</script>
  <script src="${assetBase}/react.js"></script>
  <script src="${assetBase}/react-dom.js"></script>
  <script src="${assetBase}/graphiql.js"></script>
  <script src="/ide/app.js"></script>
</body>
</html>
`;
}
