import { Router } from 'express';
import type { GraphClient } from './common/graph-client';
import { csvRouter, odataRouter } from './odata/router';
import { findOperationsDir, readManifest } from './persisted/manifest';
import { persistedRouter } from './persisted/router';
import { dashboardRouter } from './dashboard/dashboard.router';
import { digestRouter } from './digest/digest.router';

/**
 * The apps served beside the graph (dashboard, digest, OData/CSV views). Each is a client of the public
 * graph: it gets a GraphClient and nothing else, never a subgraph or a connector.
 */
export function appsRouter(graph: GraphClient): Router {
  const router = Router();
  router.use('/odata', odataRouter(graph));
  router.use('/csv', csvRouter(graph));
  router.use('/api', persistedRouter(graph, readManifest(findOperationsDir())));
  router.use(dashboardRouter(graph));
  router.use(digestRouter(graph));
  return router;
}
