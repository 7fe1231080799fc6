import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import type { GraphClient } from '../common/graph-client';

/**
 * The reference PMO dashboard: a static page and script, and one JSON endpoint that runs the named operation
 * `Dashboard` (operations/dashboard.graphql) through the gateway with the caller's own headers, so the page
 * shows exactly what the graph answers to that caller. Nothing here reads a subgraph or an upstream.
 */

const PHASES = new Set(['INITIATING', 'PLANNING', 'EXECUTING', 'CLOSING', 'CLOSED']);

function publicDir(from: string): string {
  // The same folder from source (apps/dashboard) and from the build (dist/apps/dashboard).
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'dashboard', 'public');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`apps/dashboard/public not found above ${from}`);
  }
}

/** The phases asked for (`?phase=EXECUTING&phase=PLANNING`); unknown values are ignored, not sent on. */
function phasesOf(req: Request): string[] {
  const raw = req.query.phase;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  return [...new Set(values.map((v) => v.toUpperCase()).filter((v) => PHASES.has(v)))];
}

export function dashboardRouter(graph: GraphClient): Router {
  const dir = publicDir(__dirname);
  const files = {
    html: readFileSync(path.join(dir, 'index.html'), 'utf8'),
    js: readFileSync(path.join(dir, 'dashboard.js'), 'utf8'),
    css: readFileSync(path.join(dir, 'dashboard.css'), 'utf8'),
    // Chart.js's self-contained UMD build, served from the installed package: no CDN at run time.
    chart: readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8'),
  };
  const router = Router();
  const send = (type: string, body: string) => (_req: Request, res: import('express').Response) => {
    res.type(type).set('cache-control', 'no-cache').send(body);
  };
  router.get('/dashboard', send('html', files.html));
  router.get('/dashboard/dashboard.js', send('application/javascript', files.js));
  router.get('/dashboard/dashboard.css', send('text/css', files.css));
  router.get('/dashboard/vendor/chart.umd.min.js', send('application/javascript', files.chart));
  router.get('/dashboard/data', async (req, res) => {
    try {
      const phases = phasesOf(req);
      const result = await graph.execute('Dashboard', phases.length ? { phase: phases } : {}, { headers: req.headers });
      res.status(result.status >= 400 ? result.status : 200).json({ data: result.data ?? null, errors: result.errors ?? [] });
    } catch {
      // The gateway itself unreachable: say so, never a stack or an address.
      res.status(502).json({ data: null, errors: [{ message: 'The graph did not answer', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] });
    }
  });
  return router;
}
