import { createHash } from 'node:crypto';
import { Router } from 'express';
import { Kind, parse, type OperationDefinitionNode, type TypeNode } from 'graphql';
import type { GraphClient } from '../common/graph-client';
import type { Manifest, PersistedOperation } from './manifest';

/**
 * Persisted queries on static URLs: `GET /api/<OperationName>?first=25&key=ABC`, the variables in the query
 * string, for tools that can only GET a URL with a header (Power BI's Web.Contents with an API key refreshes
 * in the service this way). The operation runs through the gateway with the caller's headers. Answers carry
 * an ETag (304 on If-None-Match) and `Cache-Control: private` (what one caller sees is not another's).
 */

/** How long a client may reuse an answer without asking again. */
const MAX_AGE_SECONDS = 60;

interface StaticOperation {
  operation: PersistedOperation;
  /** Each variable's type, to read its query-string value. */
  variables: Map<string, TypeNode>;
}

const SCALAR_READERS: Record<string, (raw: string) => unknown> = {
  Int: (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : raw),
  Float: (raw) => (raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw),
  Boolean: (raw) => (raw === 'true' ? true : raw === 'false' ? false : raw),
};

/**
 * A query-string value as the variable's type wants it: numbers and booleans from their text, lists and input
 * objects as JSON; anything else (strings, IDs, dates, enums) as given. The graph validates the result.
 */
function readVariable(type: TypeNode, raw: string): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return readVariable(type.type, raw);
  if (type.kind === Kind.LIST_TYPE) return json(raw);
  const reader = SCALAR_READERS[type.name.value];
  if (reader) return reader(raw);
  return raw.startsWith('{') ? json(raw) : raw;
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function persistedRouter(graph: GraphClient, manifest: Manifest): Router {
  const router = Router();
  const byName = new Map<string, StaticOperation>();
  for (const operation of manifest.operations) {
    if (operation.type !== 'query') continue;
    const definition = parse(operation.body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    byName.set(operation.name, { operation, variables: new Map((definition.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.type])) });
  }

  router.get('/', (_req, res) => {
    res.json({
      operations: [...byName.values()].map(({ operation, variables }) => ({ name: operation.name, url: operation.name, documentId: operation.id, variables: [...variables.keys()] })),
    });
  });

  router.get('/:operation', async (req, res) => {
    const found = byName.get(String(req.params.operation));
    const refuse = (status: number, code: string, message: string) => res.status(status).set('Cache-Control', 'no-store').json({ errors: [{ message, extensions: { code } }] });
    if (!found) return refuse(404, 'PERSISTED_QUERY_NOT_FOUND', 'No persisted query by that name; GET /api/ lists them (mutations are POSTed to /graphql).');
    const variables: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(req.query)) {
      const type = found.variables.get(name);
      if (!type) return refuse(400, 'BAD_USER_INPUT', `${found.operation.name} has no variable ${name}; it takes ${[...found.variables.keys()].join(', ') || 'none'}.`);
      if (typeof value !== 'string') return refuse(400, 'BAD_USER_INPUT', `Give ${name} once, as one value.`);
      variables[name] = readVariable(type, value);
    }
    let result: Awaited<ReturnType<GraphClient['execute']>>;
    try {
      result = await graph.execute(found.operation.name, variables, req);
    } catch (error) {
      console.error('persisted operation failed', found.operation.name, error);
      return refuse(502, 'UPSTREAM_UNAVAILABLE', 'The graph did not answer; the gateway log has the detail.');
    }
    const body = JSON.stringify(result.errors ? { errors: result.errors, data: result.data } : { data: result.data });
    if (result.status !== 200 || result.errors) return res.status(result.status === 200 ? 200 : result.status).set('Cache-Control', 'no-store').type('application/json').send(body);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    res.set({ ETag: etag, 'Cache-Control': `private, max-age=${MAX_AGE_SECONDS}`, Vary: 'Authorization, X-API-Key' });
    // RFC 9110 §13.1.2, by hand: Express's req.fresh also honours a request's `Cache-Control: no-cache`, which
    // fetch() adds to every conditional request; that directive is for caches, not for the origin.
    const matches = (req.get('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (matches.includes(etag) || matches.includes('*')) return res.status(304).end();
    res.type('application/json').send(body);
  });
  return router;
}
