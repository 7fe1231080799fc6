import path from 'node:path';
import express, { type Router } from 'express';

/**
 * GraphiQL served from this process's own node_modules (no CDN), so the explorer works offline and behind
 * a firewall. A browser GET on the GraphQL URL gets the page; everything else goes to the gateway.
 */

/** Served name → [package, file inside it]. Resolved through package.json: the packages don't export these paths. */
const ASSETS: Record<string, readonly [string, string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
};

export const EXPLORER_ASSET_PATH = '/explorer-assets';

const DEFAULT_QUERY = `# PMO Graph: one query across Jira, ServiceNow and the HR directory.
# Press the play button (or Ctrl-Enter) to run it.
{
  projects(first: 5) {
    totalCount
    edges {
      node {
        key
        name
        phase
        lead { displayName title department }
        team { role person { displayName } }
        milestones { name releaseDate released overdue }
        incidents(first: 3, filter: { state: [NEW, IN_PROGRESS, ON_HOLD] }) {
          totalCount
          edges { node { number state priority shortDescription } }
        }
      }
    }
  }
}
`;

export function explorerAssets(): Router {
  const router = express.Router();
  for (const [name, [pkg, inside]] of Object.entries(ASSETS)) {
    const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), inside);
    router.get(`/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  return router;
}

export function explorerPage(graphqlPath: string): string {
  const asset = (name: string) => `${EXPLORER_ASSET_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>PMO Graph explorer</title>
  <link rel="stylesheet" href="${asset('graphiql.min.css')}">
  <style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
        defaultEditorToolsVisibility: true,
      }),
    );
  </script>
</body>
</html>`;
}

/** Whether a request comes from a browser navigating to the URL (not a GraphQL client doing a GET query). */
export function wantsExplorer(req: express.Request): boolean {
  return req.method === 'GET' && !req.query.query && !req.query.extensions && (req.headers.accept ?? '').includes('text/html');
}
