import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';

// Why local files: hospital networks are offline, and Apollo's default landing page
// (Sandbox) loads from a CDN. Mount this BEFORE the Apollo middleware on the same path,
// and disable Apollo's landing page so it never answers a browser GET first.
//
// What the GraphiQL 3.9 UMD bundle needs at runtime (checked in graphiql.min.js / .css):
// - globals React and ReactDOM (hence the React 18 UMD builds); graphql is bundled in.
// - no CDN at all: the editors are CodeMirror 5 (no Monaco, no web workers, no eval);
//   fonts are inlined in the CSS as data: URIs, CodeMirror uses one data:image/gif for
//   drag and drop, and @radix-ui injects <style> elements. Hence `data:` for fonts and
//   images and 'unsafe-inline' for styles in the CSP; scripts stay 'self' only.
// - the only other URL it may fetch is its `sourceMappingURL` (index.umd.js.map), and only
//   when devtools are open; we don't serve it, the 404 is harmless.

export const GRAPHIQL_ASSET_PREFIX = '/graphiql-assets/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const ONE_DAY_MS = 86_400_000; // sendFile turns this into `Cache-Control: public, max-age=86400`

// The packages' `exports` maps hide their umd/ folders from require.resolve, so resolve
// package.json (always exported) and join the known file name.
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

// No default headers: a placeholder `Authorization` would make the schema fetch and `login`
// itself fail with 401 (both work anonymously). GraphiQL does not store headers across
// reloads unless told to, so no token is left in the browser's storage either.
const DEFAULT_QUERY = `# CareGraph GraphiQL (served from this server, works offline).
#
# Every operation except login needs an access token:
# 1. Run the login mutation below (the run button, or Ctrl-Enter). The demo
#    accounts (password "demo-password") exist outside production only.
# 2. Open the Headers tab below and paste the accessToken from the response:
#      { "Authorization": "Bearer <accessToken>" }
# 3. Replace this text with your queries; the Docs panel (top left) lists
#    them. The header is sent with every request.
# The token is not kept: after a reload, log in again.

mutation {
  login(input: { email: "admin@acme-care.test", password: "demo-password", tenantSlug: "acme-care" }) {
    accessToken
    expiresAt
  }
}
`;

// Static so it can be cached and run under `script-src 'self'` (no inline script).
// Settings come from a JSON data block in the page, which CSP does not execute.
const INIT_JS = `(function () {
  var cfg = JSON.parse(document.getElementById('graphiql-config').textContent);
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: cfg.url }),
    isHeadersEditorEnabled: true,
    defaultQuery: cfg.defaultQuery,
    defaultEditorToolsVisibility: 'headers'
  }));
})();
`;

/** true when a GET to the endpoint is a browser asking for the IDE (Accept: text/html, no `query` param) */
export function wantsGraphiql(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // A GraphQL-over-GET request carries `query`; API clients don't ask for text/html.
  const search = req.url!.indexOf('?');
  if (search >= 0 && new URLSearchParams(req.url!.slice(search + 1)).has('query')) return false;
  return (req.headers.accept ?? '').toLowerCase().includes('text/html');
}

/** Serves GraphiQL from local files only (no CDN): hospital networks are offline. */
export function mountGraphiql(app: Express, endpointPath: string): void {
  // Resolved now so a missing package fails at startup, not on the first page view.
  // Only these names are served: nothing else under node_modules is reachable.
  const files: Record<string, { file: string; type: string }> = {
    'react.production.min.js': { file: packageFile('react', 'umd/react.production.min.js'), type: JS },
    'react-dom.production.min.js': {
      file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
      type: JS,
    },
    'graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: JS },
    'graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: CSS },
  };
  const asset = (name: string) => GRAPHIQL_ASSET_PREFIX + name;

  app.get(`${GRAPHIQL_ASSET_PREFIX}graphiql-init.js`, (_req: Request, res: Response) => {
    res.set('Cache-Control', 'public, max-age=86400').type(JS).send(INIT_JS);
  });

  app.get(`${GRAPHIQL_ASSET_PREFIX}:name`, (req: Request<{ name: string }>, res: Response, next: NextFunction) => {
    const { name } = req.params;
    const entry = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!entry) return next();
    res.type(entry.type).set('X-Content-Type-Options', 'nosniff');
    res.sendFile(entry.file, { maxAge: ONE_DAY_MS }, (err) => err && next(err));
  });

  // `<` escaped so no value can close the <script> block it sits in.
  const config = JSON.stringify({ url: endpointPath, defaultQuery: DEFAULT_QUERY })
    .replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CareGraph GraphiQL</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-config" type="application/json">${config}</script>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('graphiql-init.js')}"></script>
</body>
</html>
`;

  app.get(endpointPath, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsGraphiql(req)) return next();
    res
      .set('Content-Security-Policy', CSP)
      .set('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
