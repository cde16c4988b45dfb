import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { examplesDocuments } from './ide/examples';

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
// The explorer plugin (@graphiql/plugin-explorer 3.2.6, the release for GraphiQL 3.9's
// @graphiql/react 0.29) is a UMD bundle too: it takes React, GraphiQL.React and
// GraphiQL.GraphQL from the globals above (one React, one graphql), has no eval and loads
// nothing; its styles are a small CSS file and React style attributes.
// Our own scripts (src/http/ide/): ide.js (sign-in, examples, CSV button) and csv.js (the
// CSV rules, the same file the Node tests require).

export const GRAPHIQL_ASSET_PREFIX = '/graphiql-assets/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const ONE_DAY_MS = 86_400_000; // sendFile turns this into `Cache-Control: public, max-age=86400`

// The packages' `exports` maps hide their umd/ folders from require.resolve, so resolve
// package.json (always exported) and join the known file name.
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

// The CSV download needs no `blob:` here: the file is a Blob saved through an <a download>
// link, which is neither a fetch (connect-src) nor a form (form-action), so no directive
// governs it; the browser test downloads one under this policy. The sign-in form is sent by
// script (fetch to 'self'), never submitted, so form-action stays 'none'.
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

// No default headers: the page's fetcher adds the signed-in session's token itself, and a
// placeholder `Authorization` would make the schema fetch fail with 401 (it works anonymously).
// GraphiQL does not store headers across reloads unless told to, and the session's tokens
// live in the page's memory only (ide.js), so no token is left in the browser's storage.
const DEFAULT_QUERY = `# CareGraph GraphiQL (served from this server, works offline).
#
# 1. Sign in with the bar above: tenant (e.g. acme-care), email and password. Outside
#    production the demo accounts (password "demo-password") exist.
# 2. Example queries for your role then open in a new tab. The Explorer (left) builds
#    queries by clicking; the Docs list every query and field.
# 3. "Download CSV" saves the list in the result (a connection's rows) as a file.
# You stay signed in until you sign out or reload the page: the session is kept in this
# page's memory only.

query WhoAmI {
  me { user { email displayName } role tenant { name slug } }
}
`;

// The bar above GraphiQL (sign-in, who is signed in, CSV) and a layout that gives GraphiQL the rest of the height.
const PAGE_CSS = `
html, body, #graphiql { height: 100%; margin: 0; }
.cg-ide { display: flex; flex-direction: column; height: 100%; }
.cg-graphiql { flex: 1; min-height: 0; }
.cg-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 6px 12px;
  font: 14px system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b2240; background: #f4f6fb; border-bottom: 1px solid #d7dbe7; }
.cg-signin { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.cg-field input { font: inherit; padding: 3px 6px; border: 1px solid #b8bfd3; border-radius: 4px; width: 13em; }
.cg-button { font: inherit; padding: 3px 10px; border: 1px solid #8d96b3; border-radius: 4px; background: #fff; cursor: pointer; }
.cg-button:disabled { cursor: progress; opacity: 0.6; }
.cg-error { color: #b00020; font-weight: 600; }
.cg-spacer { flex: 1; }
.cg-csv { display: flex; align-items: center; gap: 10px; white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .cg-bar { color: #e8eaf3; background: #1c2130; border-color: #343b52; }
  .cg-field input, .cg-button { color: inherit; background: #262c3e; border-color: #4a5270; }
  .cg-error { color: #ff8a80; }
}
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
    'plugin-explorer.umd.js': { file: packageFile('@graphiql/plugin-explorer', 'dist/index.umd.js'), type: JS },
    'plugin-explorer.css': { file: packageFile('@graphiql/plugin-explorer', 'dist/style.css'), type: CSS },
    // Ours: next to this file in src/ (tests) and in dist/ (tsc builds them, allowJs).
    'caregraph-csv.js': { file: path.join(__dirname, 'ide', 'csv.js'), type: JS },
    'caregraph-ide.js': { file: path.join(__dirname, 'ide', 'ide.js'), type: JS },
  };
  // Each URL carries a digest of its file: browsers keep an asset for a day, and a new release
  // (ours, or a package's) must not meet yesterday's copy of another.
  const digests = new Map(Object.entries(files).map(([name, { file }]) => [name, createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12)]));
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}?v=${digests.get(name)}`;

  app.get(`${GRAPHIQL_ASSET_PREFIX}:name`, (req: Request<{ name: string }>, res: Response, next: NextFunction) => {
    const { name } = req.params;
    const entry = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!entry) return next();
    res.type(entry.type).set('X-Content-Type-Options', 'nosniff');
    res.sendFile(entry.file, { maxAge: ONE_DAY_MS }, (err) => err && next(err));
  });

  // `<` escaped so no value can close the <script> block it sits in. The examples' dates are
  // those of the day the page is served.
  const page = () => {
    const config = JSON.stringify({ url: endpointPath, defaultQuery: DEFAULT_QUERY, examples: examplesDocuments() }).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CareGraph GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<link rel="stylesheet" href="${asset('plugin-explorer.css')}">
<style>${PAGE_CSS}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-config" type="application/json">${config}</script>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('plugin-explorer.umd.js')}"></script>
<script src="${asset('caregraph-csv.js')}"></script>
<script src="${asset('caregraph-ide.js')}"></script>
</body>
</html>
`;
  };

  app.get(endpointPath, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsGraphiql(req)) return next();
    res
      .set('Content-Security-Policy', CSP)
      .set('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page());
  });
}
