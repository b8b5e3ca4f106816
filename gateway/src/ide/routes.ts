import type { Express, Request, Response } from 'express';
import { IDE_ASSET_NAMES, resolveIdeAssets, type IdeAssetName } from './assets';
import { IDE_BOOTSTRAP_JS } from './bootstrap';
import { DEFAULT_IDE_QUERY, IDE_CSP, idePage } from './page';

const ASSET_BASE = '/ide/assets';

/**
 * Mount the offline GraphQL IDE (never in production): `GET /`, `GET <endpoint>` from a browser
 * (Accept prefers text/html), the bootstrap script and the vendored assets.
 */
export function mountIde(app: Express, endpoint: string): void {
  const files = resolveIdeAssets();
  const html = idePage({ endpoint, defaultQuery: DEFAULT_IDE_QUERY, assetBase: ASSET_BASE });

  const sendPage = (res: Response) => {
    res.setHeader('Content-Security-Policy', IDE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  };

  app.get('/', (_req, res) => sendPage(res));
  app.get(endpoint, (req, res, next) => (wantsHtml(req) ? sendPage(res) : next()));
  app.get('/ide/app.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(IDE_BOOTSTRAP_JS);
  });
  app.get(`${ASSET_BASE}/:name`, (req, res, next) => {
    const name = req.params.name;
    if (!isAssetName(name)) return next();
    res.sendFile(files[name], { maxAge: '1h' });
  });
}

/** A browser navigation, not a GraphQL client: text/html preferred over JSON (a bare *\/* is not). */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

function isAssetName(name: string | undefined): name is IdeAssetName {
  return IDE_ASSET_NAMES.some((n) => n === name);
}
