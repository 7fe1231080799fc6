import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { GraphClient } from '../common/graph-client';
import { metadataDocument, serviceDocument } from './metadata';
import { ODataError, parseViewQuery, rawOptions, type ViewQuery } from './query';
import { countRows, readRows } from './read';
import { TABLES, TABLES_BY_NAME, type Row, type Table } from './tables';

/**
 * Read-only OData v4 (`/odata/`) and CSV (`/csv/`) views of the graph's flat tables, for Power BI, Excel and
 * Tableau, which load OData feeds natively. Every row comes from a named operation run through the gateway
 * with the caller's own headers, so authentication, limits and caches apply as to any client.
 */

/** Rows per OData page unless the client prefers fewer or more (`Prefer: odata.maxpagesize=N`). */
const DEFAULT_PAGE_SIZE = 1000;
const MAX_PAGE_SIZE = 5000;

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function sendError(res: Response, error: unknown): void {
  const known = error instanceof ODataError ? error : new ODataError(500, 'InternalError', 'The view could not be served; the gateway log has the detail.');
  if (!(error instanceof ODataError)) console.error('odata view failed', error);
  res.status(known.status).set('OData-Version', '4.0').type('application/json').json({ error: { code: known.code, message: known.message } });
}

function tableOf(req: Request): Table {
  const name = String(req.params.table);
  const table = TABLES_BY_NAME.get(name);
  if (table) return table;
  if (/^\w+\(.*\)$/.test(name)) throw new ODataError(501, 'NotImplemented', 'Addressing one entity by key is not supported; use $filter=Id eq \'…\'.');
  throw new ODataError(404, 'NotFound', `No entity set named ${name}; the service document lists them.`);
}

function pageSize(req: Request, res: Response): number {
  const preferred = /odata\.maxpagesize=(\d+)/.exec(req.get('prefer') ?? '')?.[1];
  if (!preferred) return DEFAULT_PAGE_SIZE;
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(preferred)));
  res.set('Preference-Applied', `odata.maxpagesize=${size}`);
  return size;
}

const project = (rows: Row[], query: ViewQuery) => rows.map((row) => Object.fromEntries(query.select.map((c) => [c.name, row[c.name] ?? null])));

/** The same request with another $skiptoken: the next page keeps every option the client gave. */
function nextLink(serviceRoot: string, req: Request, skiptoken: string): string {
  const [path, query = ''] = req.originalUrl.split('?');
  const kept = query.split('&').filter((part) => part && !/^(\$|%24)skiptoken=/i.test(part));
  kept.push(`$skiptoken=${skiptoken}`);
  return `${serviceRoot}${path!.split('/').pop()}?${kept.join('&')}`;
}

function readOnly(router: Router): void {
  router.all('/{*rest}', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    sendError(res, new ODataError(405, 'MethodNotAllowed', 'These views are read-only.'));
  });
}

export function odataRouter(graph: GraphClient): Router {
  const router = Router();
  readOnly(router);
  const root = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}/`;
  router.get('/', (req, res) => {
    res.set('OData-Version', '4.0').type(JSON_TYPE).send(JSON.stringify(serviceDocument(root(req), TABLES)));
  });
  const metadata = metadataDocument(TABLES);
  router.get('/\\$metadata', (_req, res) => {
    res.set('OData-Version', '4.0').type('application/xml').send(metadata);
  });
  router.get('/:table/\\$count', async (req, res) => {
    try {
      const table = tableOf(req);
      const query = parseViewQuery(table, rawOptions(req.originalUrl));
      res.set('OData-Version', '4.0').type('text/plain').send(String(await countRows(graph, table, query, req)));
    } catch (error) {
      sendError(res, error);
    }
  });
  router.get('/:table', async (req, res) => {
    try {
      const table = tableOf(req);
      const query = parseViewQuery(table, rawOptions(req.originalUrl));
      const size = pageSize(req, res);
      const result = await readRows(graph, table, query, req, size);
      const context = `${root(req)}$metadata#${table.name}${query.selected ? `(${query.select.map((c) => c.name).join(',')})` : ''}`;
      const body: Record<string, unknown> = { '@odata.context': context };
      if (result.count !== undefined) body['@odata.count'] = result.count;
      body.value = project(result.rows, query);
      if (result.next) body['@odata.nextLink'] = nextLink(root(req), req, result.next);
      res.set('OData-Version', '4.0').type(JSON_TYPE).send(JSON.stringify(body));
    } catch (error) {
      sendError(res, error);
    }
  });
  return router;
}

/** `/csv/<Table>?$filter=…&$select=…`: every matching row in one CSV file (UTF-8 with BOM, for Excel). */
export function csvRouter(graph: GraphClient): Router {
  const router = Router();
  readOnly(router);
  router.get('/', (_req, res) => {
    res.json({ tables: TABLES.map((t) => ({ name: t.name, url: t.name, description: t.description })) });
  });
  router.get('/:table', async (req, res) => {
    try {
      const table = tableOf(req);
      const query = parseViewQuery(table, rawOptions(req.originalUrl));
      if (query.skiptoken !== undefined || query.count) throw new ODataError(400, 'BadRequest', 'CSV is one file: $skiptoken and $count do not apply.');
      const { rows } = await readRows(graph, table, query, req, Infinity);
      const csv = stringify(project(rows, query), {
        bom: true,
        header: true,
        columns: query.select.map((c) => c.name),
        cast: { boolean: (value) => (value ? 'true' : 'false') },
      });
      res.type('text/csv; charset=utf-8').set('Content-Disposition', `inline; filename="${table.name}.csv"`).send(csv);
    } catch (error) {
      sendError(res, error);
    }
  });
  return router;
}
