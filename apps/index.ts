import { Router } from 'express';
import type { GraphClient } from './common/graph-client';

/**
 * The apps served beside the graph (dashboard, digest, OData/CSV views). Each is a client of the public
 * graph: it gets a GraphClient and nothing else, never a subgraph or a connector.
 */
export function appsRouter(_graph: GraphClient): Router {
  const router = Router();
  return router;
}
