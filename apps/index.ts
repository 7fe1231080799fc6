import { Router } from 'express';
import type { GraphClient } from './common/graph-client';
import { dashboardRouter } from './dashboard/dashboard.router';

/**
 * The apps served beside the graph (dashboard, digest, OData/CSV views). Each is a client of the public
 * graph: it gets a GraphClient and nothing else, never a subgraph or a connector.
 */
export function appsRouter(graph: GraphClient): Router {
  const router = Router();
  router.use(dashboardRouter(graph));
  return router;
}
