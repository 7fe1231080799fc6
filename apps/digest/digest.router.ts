import { Router, type Request, type Response } from 'express';
import type { GraphClient } from '../common/graph-client';
import { digestView, type DigestData } from './digest.view';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';

/**
 * `GET /digest?since=…&until=…&format=html|md|pdf`: the leadership digest. It runs the named operation
 * `LeadershipDigest` (operations/digest.graphql) through the gateway with the caller's own headers, so it
 * shows what the graph answers to that caller, under the same auth and limits; nothing here reads a subgraph.
 * since/until are passed to the graph as given (a date or an ISO date-time), which validates them.
 */

const FORMATS = {
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  pdf: { type: 'application/pdf', extension: 'pdf' },
} as const;
type Format = keyof typeof FORMATS;
const CODE_STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

const one = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function fail(res: Response, status: number, message: string, code: string): void {
  res.status(status).type('application/json').json({ errors: [{ message, extensions: { code } }] });
}

export function digestRouter(graph: GraphClient): Router {
  const router = Router();
  router.get('/digest', async (req: Request, res: Response) => {
    const format = (one(req.query.format) ?? 'html').toLowerCase();
    if (!(format in FORMATS)) return fail(res, 400, `format must be html, md or pdf; got ${JSON.stringify(format)}`, 'BAD_USER_INPUT');
    const variables = Object.fromEntries(
      (['since', 'until'] as const).map((name) => [name, one(req.query[name])]).filter(([, v]) => v !== undefined),
    );
    let result;
    try {
      result = await graph.execute<DigestData>('LeadershipDigest', variables, { headers: req.headers });
    } catch {
      return fail(res, 502, 'The graph did not answer', 'UPSTREAM_UNAVAILABLE');
    }
    const errors = result.errors ?? [];
    if (!result.data?.digest) {
      const code = String(errors[0]?.extensions?.code ?? 'UPSTREAM_UNAVAILABLE');
      // The code says whose fault it is; the gateway answers a null root field with 500 whatever the cause.
      const status = CODE_STATUS[code] ?? (result.status >= 400 ? result.status : 502);
      return fail(res, status, errors[0]?.message ?? 'The graph gave no digest', code);
    }
    // One system down still gives a digest: its gaps are listed at the top, never silently left out.
    const view = digestView(result.data, [...new Set(errors.map((e) => e.message))]);
    const { type, extension } = FORMATS[format as Format];
    res.set('cache-control', 'private, no-cache');
    res.set('content-disposition', `inline; filename="portfolio-digest-${view.asOf}.${extension}"`);
    try {
      const body = format === 'pdf' ? await renderPdf(view) : format === 'md' ? renderMarkdown(view) : renderHtml(view);
      res.type(type).send(body);
    } catch (error) {
      console.error('[digest] rendering failed', error);
      fail(res, 500, 'The digest could not be rendered; the gateway log has the detail', 'INTERNAL_SERVER_ERROR');
    }
  });
  return router;
}
