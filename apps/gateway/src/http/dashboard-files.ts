import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Vite names its build output by content hash under assets/: such a file never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always revalidate, so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/**
 * Serves the dashboard's Vite build at `/`: files with their content types (serve-static),
 * hashed assets cached for a year, and index.html for every other GET (client-side routes),
 * or a page saying the dashboard has not been built.
 */
export function serveDashboard(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes('/assets/') ? IMMUTABLE : REVALIDATE),
  });
  const index = join(dir, 'index.html');
  app.use((req: IncomingMessage, res: ServerResponse & { sendFile(path: string): void }, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing asset is a 404, not the app's HTML (which a browser would fail to run as a script).
    if ((req.url ?? '').startsWith('/assets/')) return next();
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': REVALIDATE });
      res.end(notBuiltPage(dir));
      return;
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
}

function notBuiltPage(dir: string): string {
  const escaped = dir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kubenest dashboard not built</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>The dashboard has not been built</h1>
<p>The gateway is running, but <code>${escaped}/index.html</code> does not exist.
Build the dashboard (its Vite build writes <code>dist/dashboard</code>) and reload this page.</p>
<p>The socket.io endpoint (<code>/socket.io</code>) and the Kubernetes API (<code>/api</code>, <code>/apis</code>) work meanwhile.</p>
</body></html>
`;
}
